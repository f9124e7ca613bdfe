namespace KetCds.Server.Internal.Configuration;

/// <summary>The server's own key of the <c>KetCds:Audit</c> section; the rest is KetCds.Audit's <c>AuditOptions</c>.</summary>
internal sealed record ServerAuditOptions
{
    /// <summary>Whether calls are recorded in the audit trail (on by default).</summary>
    public bool Enabled { get; init; } = true;
}
