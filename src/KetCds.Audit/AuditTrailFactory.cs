using KetCds.Audit.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KetCds.Audit;

/// <summary>Opens the audit trail the connection string names.</summary>
public static class AuditTrailFactory
{
    /// <summary>Opens the trail described by <paramref name="options"/>; the store is created on first use.</summary>
    public static IAuditTrail Create(AuditOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var store = StoreSelector.Open(options.ConnectionString, options.CreateIfMissing);
        return new GroupCommitAuditTrail(store, options, time, logger ?? NullLogger.Instance);
    }

    /// <summary>Makes a relative SQLite <c>Data Source</c> absolute against <paramref name="baseDirectory"/> (e.g. next to the server's data); other strings are returned unchanged.</summary>
    public static string ResolveFilePaths(string connectionString, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return StoreSelector.ResolveFilePaths(connectionString, baseDirectory);
    }
}
