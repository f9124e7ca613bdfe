using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Auditing;

/// <summary>The decision codes an audit record keeps of an answer: eligibility status, then route codes, then risk codes.</summary>
internal static class DecisionSummary
{
    /// <summary>The summary of <paramref name="result"/>; empty when there is none.</summary>
    public static ImmutableArray<string> Of(EvaluationResult? result)
    {
        if (result is null)
        {
            return [];
        }

        var codes = ImmutableArray.CreateBuilder<string>(1 + result.Routes.Count + result.RiskModifiers.Count);
        var status = result.Eligibility?.Status ?? EligibilityStatus.Unspecified;
        codes.Add(Eligibility.Descriptor.FindFieldByNumber(Eligibility.StatusFieldNumber).EnumType.FindValueByNumber((int)status)?.Name ?? status.ToString());
        foreach (var route in result.Routes)
        {
            codes.Add(route.Code);
        }

        foreach (var risk in result.RiskModifiers)
        {
            codes.Add(risk.Code);
        }

        return codes.MoveToImmutable();
    }
}
