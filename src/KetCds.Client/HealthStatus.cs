namespace KetCds.Client;

/// <summary>Serving status reported by <c>grpc.health.v1.Health/Check</c>, numbered as on the wire.</summary>
public enum HealthStatus
{
    /// <summary>The server did not say.</summary>
    Unknown = 0,

    /// <summary>The service is ready to answer requests.</summary>
    Serving = 1,

    /// <summary>The service is up but cannot answer requests, e.g. no valid rule set is loaded.</summary>
    NotServing = 2,

    /// <summary>The server does not know the requested service name.</summary>
    ServiceUnknown = 3,
}
