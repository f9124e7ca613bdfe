using KetCds.Engine;
using KetCds.Engine.Internal;

namespace KetCds.Baseline;

/// <summary>Compares a generated baseline's answer with the engine's on the same bound facts.</summary>
public static class BaselineComparer
{
    /// <summary>The first difference between the engine's result and the baseline's, or null when they agree on every rule and fact.</summary>
    public static string? FirstDifference(CompiledRuleSet ruleSet, BoundFacts facts, BaselineResult baseline)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(baseline);
        var buffer = ruleSet.CreateBuffer();
        ruleSet.Evaluate(facts, buffer);
        var result = buffer.ToResult();
        if (buffer.FiredCount != baseline.Fired)
        {
            return $"fired {buffer.FiredCount} rules, baseline {baseline.Fired}";
        }

        for (var rule = 0; rule < ruleSet.Rules.Length; rule++)
        {
            var id = ruleSet.Rules[rule].Model.Id;
            if ((byte)result.RuleResult(id)!.Value != baseline.Truth[rule])
            {
                return $"rule {id}: engine {result.RuleResult(id)}, baseline {(Truth)baseline.Truth[rule]}";
            }
        }

        var state = buffer.State.Facts;
        for (var slot = 0; slot < ruleSet.Facts.Count; slot++)
        {
            var name = ruleSet.Facts.Definitions[slot].Name;
            if ((byte)state.Status[slot] != baseline.Status[slot])
            {
                return $"fact {name}: engine {state.Status[slot]}, baseline {(FactStatus)baseline.Status[slot]}";
            }

            if (state.Status[slot] == FactStatus.Present
                && (buffer.State.Lanes[slot] != baseline.Lanes[slot] || buffer.State.Numbers[slot] != baseline.Numbers[slot]))
            {
                return $"fact {name}: engine {state.Values[slot]}, baseline lanes {baseline.Lanes[slot]} / {baseline.Numbers[slot]}";
            }
        }

        return null;
    }
}
