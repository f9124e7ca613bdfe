using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Process-wide collaborators every call needs, resolved once so the hot path does no DI lookups.</summary>
internal sealed class GrpcRuntime
{
    public GrpcRuntime(
        IOptions<GrpcProtocolOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IHostApplicationLifetime? lifetime = null)
    {
        Options = options.Value;
        Validate(Options);
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger("KetCds.Protocol.Grpc");
        Stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    public GrpcProtocolOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public CancellationToken Stopping { get; }

    private static void Validate(GrpcProtocolOptions options)
    {
        if (options.MaxReceiveMessageSize <= 0)
        {
            throw new InvalidOperationException($"GrpcProtocolOptions.MaxReceiveMessageSize must be positive, got {options.MaxReceiveMessageSize}.");
        }

        if (options.MaxSendMessageSize <= 0)
        {
            throw new InvalidOperationException($"GrpcProtocolOptions.MaxSendMessageSize must be positive, got {options.MaxSendMessageSize}.");
        }

        if (options.MaxDeadline <= TimeSpan.Zero && options.MaxDeadline != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidOperationException($"GrpcProtocolOptions.MaxDeadline must be positive or Timeout.InfiniteTimeSpan, got {options.MaxDeadline}.");
        }
    }
}
