namespace KetCds.Client;

/// <summary>Per-call settings: deadline, custom metadata, cancellation and a hook for response metadata.</summary>
public sealed record CallOptions
{
    /// <summary>Absolute deadline on the client's <see cref="TimeProvider"/>; the earlier of this and <see cref="Timeout"/> wins.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Deadline relative to the start of the call; when neither this nor <see cref="Deadline"/> is set, the client's default applies.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Custom request metadata sent as HTTP/2 headers.</summary>
    public IReadOnlyList<MetadataEntry> Headers { get; init; } = [];

    /// <summary>Cancels the call; the call then fails with <see cref="StatusCode.Cancelled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Invoked once with the custom response headers and trailers of the call's last attempt, on success or failure.</summary>
    public Action<ResponseMetadata>? OnResponseMetadata { get; init; }
}
