namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds:Limits</c> section: per-client call rate and server-wide concurrency of the decision-support methods.</summary>
internal sealed record LimitOptions
{
    /// <summary>Calls per second each client (token subject, else certificate, else IP address) may sustain; 0 turns the rate limit off.</summary>
    public int CallsPerSecond { get; init; } = 500;

    /// <summary>Calls a client may make at once above its sustained rate (token-bucket size).</summary>
    public int Burst { get; init; } = 1000;

    /// <summary>Decision-support calls served at once by the whole server; 0 turns the limit off.</summary>
    public int MaxConcurrentCalls { get; init; } = 512;

    /// <summary>Calls that may wait for a free slot once <see cref="MaxConcurrentCalls"/> is reached; beyond it calls get UNAVAILABLE.</summary>
    public int QueueLimit { get; init; } = 1024;

    /// <summary>Largest <c>grpc-status-details-bin</c> the server sends, in bytes; longer violation lists are cut with a count of the rest.</summary>
    public int MaxStatusDetailsBytes { get; init; } = 16 * 1024;

    /// <summary>Longest <c>grpc-message</c> the server sends, in characters.</summary>
    public int MaxStatusMessageLength { get; init; } = 512;
}
