using System.CommandLine;
using KetCds.Audit;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Audit;

/// <summary>The <c>--store</c> option both audit commands share, and opening the trail it names without ever creating one.</summary>
internal static class AuditStoreOption
{
    private const string DefaultFile = "ketcds-audit.db";

    public static Option<string> Create() => new("--store")
    {
        Description = $"The trail: a SQLite file path, or a connection string ('Data Source=FILE' or 'Host=…;Database=…' for PostgreSQL). Default: {DefaultFile}.",
        HelpName = "PATH|CONNECTION",
        DefaultValueFactory = _ => DefaultFile,
    };

    public static IAuditTrail Open(CliContext context, string store)
    {
        // A bare path is the common case for SQLite; anything with '=' is a connection string.
        var connectionString = store.Contains('=', StringComparison.Ordinal) ? store : "Data Source=" + store;
        try
        {
            connectionString = AuditTrailFactory.ResolveFilePaths(connectionString, context.WorkingDirectory);
            return AuditTrailFactory.Create(new AuditOptions(connectionString, CreateIfMissing: false), context.Time);
        }
        catch (FormatException e)
        {
            throw new CliException("--store: " + e.Message, e);
        }
    }

    public static CliException Unavailable(AuditUnavailableException e) =>
        new(e.InnerException is FileNotFoundException missing ? missing.Message : e.Message, e);
}
