namespace KetCds.Engine.Internal;

/// <summary>Raises an <see cref="IEvaluationListener"/>'s events for a completed evaluation, from any matcher's final state.</summary>
internal static class EvaluationEvents
{
    /// <summary>Tells <paramref name="listener"/> every rule's truth; a rule the matcher skipped (its guard input missing) is traced over the final facts.</summary>
    public static void Raise(IEvaluationListener listener, CompiledRuleSet ruleSet, ReadOnlySpan<RuleTruth> truths, FactState state)
    {
        var rules = ruleSet.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            listener.RuleEvaluated(rules[i].Model, TruthOf(ruleSet, i, truths[i], state));
        }
    }

    /// <summary>The truth of rule <paramref name="index"/>'s condition as the matcher left it, tracing a skipped rule over the final facts.</summary>
    public static Truth TruthOf(CompiledRuleSet ruleSet, int index, RuleTruth truth, FactState state) => truth switch
    {
        RuleTruth.Fired => Truth.True,
        RuleTruth.False => Truth.False,
        RuleTruth.Unknown => Truth.Unknown,
        _ => ConditionTracer.Evaluate(ruleSet.Rules[index].Model.When, ruleSet.Facts, state),
    };
}
