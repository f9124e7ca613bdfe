using System.Collections.Immutable;
using System.Text.RegularExpressions;
using KetCds.Cli.Internal.Common;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Diff;

/// <summary>Groups raw decision changes into readable entries: one line per route, relief range, risk or list.</summary>
internal static partial class ChangeDescriber
{
    public static ImmutableArray<DiffEntry> Describe(DecisionSummary? before, DecisionSummary? after, ImmutableArray<DecisionChange> changes)
    {
        if (before is null || after is null)
        {
            // A rejection on one side: the raw change already says "an evaluated decision -> rejected: …".
            return [.. changes.Select(c => new DiffEntry("Outcome", c.ToString(), [c]))];
        }

        return [.. changes
            .GroupBy(c => Key(c.Path), StringComparer.Ordinal)
            .Select(g => Entry(g.Key, before, after, [.. g]))];
    }

    // The unit a reviewer thinks in: a whole relief estimate, a whole route, a whole risk, or a top-level field.
    private static string Key(string path)
    {
        var relief = ReliefPath().Match(path);
        if (relief.Success)
        {
            return relief.Value;
        }

        var item = ItemPath().Match(path);
        return item.Success ? item.Value : path.Split('.', '[')[0];
    }

    private static DiffEntry Entry(string key, DecisionSummary before, DecisionSummary after, ImmutableArray<DecisionChange> changes)
    {
        var relief = ReliefPath().Match(key);
        if (relief.Success)
        {
            var route = relief.Groups["route"].Value;
            var claim = relief.Groups["claim"].Value;
            var a = FindRelief(before, route, claim);
            var b = FindRelief(after, route, claim);
            var text = (a, b) switch
            {
                (null, not null) => $"{route}: relief estimate added from {b.SourceId} {claim}: {ReliefText.Format(b.Range)}",
                (not null, null) => $"{route}: relief estimate removed ({a.SourceId} {claim}: {ReliefText.Format(a.Range)})",
                _ => $"{route}: relief per {claim}: {ReliefText.Format(a?.Range)} → {ReliefText.Format(b?.Range)}",
            };
            return new DiffEntry("Relief range", text, changes);
        }

        var item = ItemPath().Match(key);
        if (item.Success)
        {
            var list = item.Groups["list"].Value;
            var code = item.Groups["code"].Value;
            return list switch
            {
                "routes" => new DiffEntry("Route", RouteText(code, before, after, changes), changes),
                "risks" => new DiffEntry("Risk", RiskText(code, before, after, changes), changes),
                _ => new DiffEntry(Category(list), Presence(list, code, changes), changes),
            };
        }

        return key switch
        {
            "eligibility" => new DiffEntry("Eligibility", $"eligibility: {Names.Of(before.Eligibility)} → {Names.Of(after.Eligibility)}", changes),
            "yearlyCap" => new DiffEntry("Maintenance", $"yearly cap: {Cap(before.YearlyCap)} → {Cap(after.YearlyCap)}", changes),
            _ => new DiffEntry(Category(key), string.Join("; ", changes.Select(c => c.ToString())), changes),
        };
    }

    private static string RouteText(string code, DecisionSummary before, DecisionSummary after, ImmutableArray<DecisionChange> changes)
    {
        var a = before.Routes.FirstOrDefault(r => r.Code == code);
        var b = after.Routes.FirstOrDefault(r => r.Code == code);
        return (a, b) switch
        {
            (null, not null) => $"route {code} added ({Names.Of(b.Route)}, {Names.Of(b.Protocol)})",
            (not null, null) => $"route {code} removed ({Names.Of(a.Route)}, {Names.Of(a.Protocol)})",
            (not null, not null) => $"route {code} changed: " + string.Join("; ", changes.Select(c => c.ToString())),
            _ => string.Join("; ", changes.Select(c => c.ToString())),
        };
    }

    private static string RiskText(string code, DecisionSummary before, DecisionSummary after, ImmutableArray<DecisionChange> changes)
    {
        var a = before.Risks.FirstOrDefault(r => r.Code == code);
        var b = after.Risks.FirstOrDefault(r => r.Code == code);
        return (a, b) switch
        {
            (null, not null) => $"risk {code} added ({Names.Of(b.Severity)}{Adjustments(b)})",
            (not null, null) => $"risk {code} removed ({Names.Of(a.Severity)}{Adjustments(a)})",
            (not null, not null) => $"risk {code}: {Names.Of(a.Severity)}{Adjustments(a)} → {Names.Of(b.Severity)}{Adjustments(b)}",
            _ => string.Join("; ", changes.Select(c => c.ToString())),
        };
    }

    private static string Presence(string list, string code, ImmutableArray<DecisionChange> changes)
    {
        var noun = Category(list).ToLowerInvariant();
        return changes.Length == 1 && changes[0] is { Before: null } ? $"{noun} {code} added"
            : changes.Length == 1 && changes[0] is { After: null } ? $"{noun} {code} removed"
            : string.Join("; ", changes.Select(c => c.ToString()));
    }

    private static string Adjustments(RiskSummary risk) =>
        risk.Adjustments.Count == 0 ? string.Empty : "; " + string.Join(", ", risk.Adjustments.Select(Names.Of));

    private static string Cap(SessionCap? cap) => cap is null ? "none" : $"{cap.MinSessions}–{cap.MaxSessions} sessions";

    private static SourcedRelief? FindRelief(DecisionSummary summary, string route, string claim) =>
        summary.Routes.FirstOrDefault(r => r.Code == route)?.Relief.FirstOrDefault(r => r.ClaimId == claim);

    private static string Category(string field) => field switch
    {
        "eligibility" or "eligibilityReasonCodes" => "Eligibility",
        "routes" => "Route",
        "maintenanceCodes" or "yearlyCap" => "Maintenance",
        "risks" => "Risk",
        "alertCodes" => "Alert",
        "findingCodes" => "Finding",
        "missingFields" => "Missing data",
        _ => "Other",
    };

    [GeneratedRegex(@"^routes\[(?<route>[^\]]+)\]\.relief\[(?<claim>[^\]]+)\]")]
    private static partial Regex ReliefPath();

    [GeneratedRegex(@"^(?<list>[A-Za-z]+)\[(?<code>[^\]]+)\]")]
    private static partial Regex ItemPath();
}
