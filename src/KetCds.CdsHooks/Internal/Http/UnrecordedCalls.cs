using Microsoft.AspNetCore.Http;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The default call recorder: records nothing (the endpoint's own debug log line names each call's outcome).</summary>
internal sealed class UnrecordedCalls : ICdsCallRecorder
{
    public ValueTask<bool> RecordAsync(string serviceId, ReadOnlyMemory<byte> request, CdsHookOutcome outcome, HttpContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);
}
