namespace KetCds.Server.Internal.Configuration;

/// <summary>The <c>KetCds</c> configuration section; every key is documented in the README's "Configuration" table.</summary>
internal sealed record KetCdsOptions
{
    public const string SectionName = "KetCds";

    /// <summary>Rule-set directory, relative to the working directory unless absolute.</summary>
    public string Rules { get; init; } = "rules";

    /// <summary>IP address to listen on; "localhost" means the IPv4 loopback.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 asks the OS for a free one.</summary>
    public int Port { get; init; } = 50051;

    /// <summary>TLS settings; cleartext HTTP/2 (h2c) when no certificate is configured.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>Largest request or response message, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deadline given to unary calls that arrive without one; streaming calls keep the client's own.</summary>
    public int MaxDeadlineSeconds { get; init; } = 30;

    /// <summary>Response compression: "gzip" compresses responses for clients that accept it; unset sends them as they are.</summary>
    public string? ResponseCompression { get; init; }

    /// <summary>Most open client connections; further connections wait in the accept queue.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// Most concurrent calls (HTTP/2 streams) on one connection. Lower than Kestrel's 100: every stream a flood of
    /// connections opens costs work before it can be turned away, and gRPC clients queue or open another connection.
    /// </summary>
    public int MaxStreamsPerConnection { get; init; } = 32;

    /// <summary>Seconds a response may wait for a client that keeps its flow-control window closed before its stream is reset.</summary>
    public int ResponseStallSeconds { get; init; } = 10;

    /// <summary>Milliseconds a stalled response may wait once stalled bytes exceed a budget (in all, or on its connection).</summary>
    public int StalledResponseOverBudgetMilliseconds { get; init; } = 1000;

    /// <summary>Stalled response bytes over every connection beyond which the shorter wait applies.</summary>
    public long StalledResponseBudgetBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Stalled response bytes on one connection beyond which the shorter wait applies.</summary>
    public long StalledResponseConnectionBudgetBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Quiet period after the last file change before the rules are reloaded.</summary>
    public int ReloadDebounceMilliseconds { get; init; } = 250;

    /// <summary>Interval of the content-hash poll that catches changes the file watcher missed.</summary>
    public int ReloadPollMilliseconds { get; init; } = 2000;

    /// <summary>The matcher answering requests: <c>ketcds</c> (the engine's own) or <c>nrules</c> (the same rules on NRules).</summary>
    public string Engine { get; init; } = EngineNames.KetCds;

    /// <summary>Serve a non-loopback address without TLS and authentication (<c>--allow-insecure</c>); refused otherwise.</summary>
    public bool AllowInsecure { get; init; }

    /// <summary>Authentication and per-method authorization.</summary>
    public AuthOptions Auth { get; init; } = new();

    /// <summary>Rate, concurrency and error-size limits.</summary>
    public LimitOptions Limits { get; init; } = new();

    /// <summary>Whether the audit trail is on; its store settings are KetCds.Audit's (<c>KetCds:Audit:ConnectionString</c>, ...).</summary>
    public ServerAuditOptions Audit { get; init; } = new();

    /// <summary>Folder a relative SQLite audit file is placed in; the working directory when unset.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>After SIGTERM, how long calls in flight may take to finish before they are cut off.</summary>
    public int ShutdownGraceSeconds { get; init; } = 30;
}
