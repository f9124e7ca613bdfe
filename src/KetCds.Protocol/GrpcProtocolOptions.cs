namespace KetCds.Protocol;

/// <summary>Limits and switches of the gRPC protocol layer.</summary>
public sealed class GrpcProtocolOptions
{
    /// <summary>Largest request message accepted, in bytes, after decompression (default 4 MiB).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes (default 4 MiB).</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Server-side deadline cap (default 30 s): used when the client sends no <c>grpc-timeout</c>,
    /// and a longer client timeout is shortened to it. <see cref="Timeout.InfiniteTimeSpan"/> disables the cap.
    /// </summary>
    public TimeSpan MaxDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the grpc.reflection v1 and v1alpha services are mapped (default true).</summary>
    public bool EnableReflection { get; set; } = true;
}
