using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>The result messages that depend only on one outcome and its justification, built the same way at every detail.</summary>
internal static class ResultParts
{
    public static Statement Statement(Outcome outcome, Justification justification) =>
        new() { Code = outcome.Code, Text = outcome.Text, Justification = justification };

    public static Alert Alert(Outcome outcome, Justification justification) => new()
    {
        Code = outcome.Code,
        Severity = AttributeReader.Severity(outcome),
        Category = AttributeReader.Category(outcome),
        Text = outcome.Text,
        Justification = justification,
    };

    public static ReliefEstimate? Estimate(Outcome outcome, SourceCatalog catalog)
    {
        if (AttributeReader.Relief(outcome) is not { } range)
        {
            return null;
        }

        var claimId = outcome.Citations.IsDefaultOrEmpty ? string.Empty : outcome.Citations[0];
        var sourceId = catalog.FindClaim(claimId)?.DocumentId ?? string.Empty;
        var document = catalog.FindDocument(sourceId);
        return new ReliefEstimate
        {
            Range = range,
            ClaimId = claimId,
            SourceId = sourceId,
            Text = outcome.Text,
            // Equal prominence must not suggest equal weight: every estimate carries its source's kind and quality note.
            SourceKind = document is null ? SourceKind.Unspecified : SourceKinds.Of(document.Kind),
            SourceQuality = document?.Quality ?? string.Empty,
        };
    }

    public static RiskModifier Risk(Outcome outcome, Justification justification)
    {
        var risk = new RiskModifier { Code = outcome.Code, Severity = AttributeReader.Severity(outcome), Text = outcome.Text, Justification = justification };
        risk.Adjustments.AddRange(AttributeReader.Adjustments(outcome));
        return risk;
    }
}
