using Microsoft.Extensions.Logging;

namespace KetCds.Tests.Shared;

/// <summary>One log entry a component under test wrote.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : " " + Exception)}";
}
