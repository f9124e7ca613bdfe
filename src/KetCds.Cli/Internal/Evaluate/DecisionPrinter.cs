using KetCds.Cli.Internal.Common;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Evaluate;

/// <summary>Writes an evaluation result as plain, sectioned text a clinician can scan.</summary>
internal static class DecisionPrinter
{
    public static void Print(TextWriter output, EvaluationResult result)
    {
        var eligibility = result.Eligibility;
        output.WriteLine($"Eligibility: {Names.Of(eligibility?.Status ?? EligibilityStatus.Unspecified)}");
        foreach (var reason in eligibility?.Reasons ?? [])
        {
            output.WriteLine($"  - {reason.Code}: {reason.Text}");
        }

        if (eligibility?.Severity is { } severity)
        {
            var judged = severity.HasClinicianJudgesSevere ? (severity.ClinicianJudgesSevere ? "yes" : "no") : "not recorded";
            var nrs = severity.HasPainSeverityNrs ? $"{severity.PainSeverityNrs}/10" : "not recorded";
            output.WriteLine($"  severity: judged severe by the clinician: {judged}; NRS {nrs}");
        }

        Section(output, "Routes", result.Routes, route =>
        {
            output.WriteLine($"  - {route.Code}: {Names.Of(route.Route)}, {Names.Of(route.Protocol)}");
            Indented(output, route.Text);
            foreach (var relief in route.ExpectedRelief)
            {
                output.WriteLine($"      relief: {ReliefText.Format(relief.Range)} ({Names.Of(relief.SourceKind)}: {relief.SourceId} {relief.ClaimId})");
            }

            if (route.HasCourseSessionsMin)
            {
                var sessions = route.HasCourseSessionsMax && route.CourseSessionsMax != route.CourseSessionsMin
                    ? $"{route.CourseSessionsMin}–{route.CourseSessionsMax}"
                    : $"{route.CourseSessionsMin}";
                var fits = route.HasFitsLowestCap ? (route.FitsLowestCap ? "; fits the lowest cap" : "; does not fit the lowest cap") : string.Empty;
                output.WriteLine($"      course: {sessions} sessions{fits}");
            }
        });

        if (result.Maintenance is { } maintenance && (maintenance.Items.Count > 0 || maintenance.YearlyCap is not null))
        {
            output.WriteLine("Maintenance:");
            foreach (var item in maintenance.Items)
            {
                output.WriteLine($"  - {item.Code}: {item.Text}");
            }

            if (maintenance.YearlyCap is { } cap)
            {
                var used = cap.HasSessionsUsed ? $", {cap.SessionsUsed} used" : string.Empty;
                var reached = cap.HasReached ? (cap.Reached ? ", reached" : ", not reached") : string.Empty;
                var leaves = cap.HasRemainingAtMin && cap.HasRemainingAtMax ? $", leaves {cap.RemainingAtMin}–{cap.RemainingAtMax}" : string.Empty;
                output.WriteLine($"  - yearly cap: {cap.MinSessions}–{cap.MaxSessions} sessions{used}{reached}{leaves}");
            }
        }

        Section(output, "Risks", result.RiskModifiers, risk =>
        {
            var adjustments = risk.Adjustments.Count == 0 ? string.Empty : "; adjust: " + string.Join(", ", risk.Adjustments.Select(Names.Of));
            output.WriteLine($"  - {risk.Code} [{Names.Of(risk.Severity)}]{adjustments}");
            Indented(output, risk.Text);
        });
        Section(output, "Alerts", result.Alerts, alert =>
        {
            output.WriteLine($"  - {alert.Code} [{Names.Of(alert.Severity)}, {Names.Of(alert.Category)}]");
            Indented(output, alert.Text);
        });
        Section(output, "Findings", result.Findings, finding =>
        {
            // The kinds of the sources behind a finding, so a product promotion does not read like a review.
            var kinds = finding.Justification?.Citations.Select(c => c.SourceKind).Where(k => k != SourceKind.Unspecified).Distinct().Order().Select(Names.Of).ToList() ?? [];
            var from = kinds.Count == 0 ? string.Empty : $" [{string.Join(", ", kinds)}]";
            output.WriteLine($"  - {finding.Code}: {finding.Text}{from}");
        });
        Section(output, "Missing data", result.MissingData, missing =>
        {
            var affects = missing.Affects.Count == 0 ? string.Empty : $" (affects: {string.Join(", ", missing.Affects)})";
            output.WriteLine($"  - {missing.Field}: {missing.Reason}{affects}");
        });
    }

    public static void PrintRejection(TextWriter output, IEnumerable<FieldViolation> violations)
    {
        output.WriteLine("Rejected: the request is invalid");
        foreach (var violation in violations)
        {
            output.WriteLine($"  - {violation.Field}: {violation.Description}");
        }
    }

    private static void Section<T>(TextWriter output, string title, ICollection<T> items, Action<T> print)
    {
        if (items.Count == 0)
        {
            output.WriteLine($"{title}: none");
            return;
        }

        output.WriteLine($"{title}:");
        foreach (var item in items)
        {
            print(item);
        }
    }

    private static void Indented(TextWriter output, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            output.WriteLine("      " + text.ReplaceLineEndings(" ").Trim());
        }
    }
}
