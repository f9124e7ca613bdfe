using System.CommandLine;

namespace KetCds.Cli.Internal.Audit;

/// <summary><c>ketcds audit verify|export</c>: check and read the server's tamper-evident audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) =>
        new("audit", "Check or export the audit trail (SQLite file or PostgreSQL, chosen by --store).")
        {
            AuditVerifyCommand.Create(context),
            AuditExportCommand.Create(context),
        };
}
