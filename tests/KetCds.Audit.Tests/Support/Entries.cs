using System.Text;
using KetCds.Audit;

namespace KetCds.Audit.Tests.Support;

/// <summary>Audit entries for tests: distinct request ids and bytes, so records differ.</summary>
internal static class Entries
{
    public static AuditEntry Make(int index, string status = "OK") => new(
        $"subject-{index % 3}",
        "127.0.0.1:5000",
        "/ketcds.v1.DecisionSupport/Evaluate",
        $"request-{index}",
        "ketcds-ketamine-pain@1.0.0+abc123",
        status,
        ["eligibility.eligible", $"route.code-{index % 4}"],
        Encoding.UTF8.GetBytes($"request bytes {index}"),
        Encoding.UTF8.GetBytes($"response bytes {index}"));
}
