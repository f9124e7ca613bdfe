using System.Collections.Immutable;
using KetCds.Engine.Internal;

namespace KetCds.Engine;

/// <summary>
/// The seam for a second matcher: evaluates through an <see cref="IExternalMatcher"/> and builds the same
/// <see cref="RuleSetEvaluation"/> (outcomes, justifications, why-not, missing facts) as the engine's own matcher would.
/// </summary>
public static class ExternalMatching
{
    /// <summary>The derivation stages of <paramref name="ruleSet"/> in the order the engine settles them.</summary>
    public static ImmutableArray<DerivationStage> DerivationStages(this CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return [.. ruleSet.Plan.Stages.Select(stage => new DerivationStage(
            [.. stage.Facts.Select(slot => ruleSet.Facts.Definitions[slot].Name)],
            [.. stage.Rules.Select(rule => ruleSet.Rules[rule].Model.Id)],
            stage.Cyclic))];
    }

    /// <summary>Validates <paramref name="facts"/> as <see cref="CompiledRuleSet.Evaluate(FactSet, EvaluationOptions?, CancellationToken)"/> does, runs <paramref name="matcher"/> and builds the result from its match.</summary>
    /// <exception cref="ArgumentException">A fact is not declared, is derived, or has a value of the wrong type or outside its allowed values.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The matcher reported a match that contradicts the rule set (a defect in the matcher).</exception>
    public static RuleSetEvaluation Evaluate(
        this CompiledRuleSet ruleSet, FactSet facts, IExternalMatcher matcher, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(matcher);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= EvaluationOptions.Default;
        var state = new FactState(ruleSet.Facts.InitialStatus);
        foreach (var (name, value) in facts)
        {
            var slot = ruleSet.CheckInput(name, value);
            state.Values[slot] = value;
            state.Status[slot] = FactStatus.Present;
        }

        var match = matcher.Match(facts, options, cancellationToken) ?? throw Defect(matcher, "returned no match");
        if (match.Firings.Length > options.MaxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {options.MaxFirings} rule firings");
        }

        var truth = Truths(ruleSet, matcher, match);
        var firings = Firings(ruleSet, matcher, match, truth);
        SettleDerived(ruleSet, matcher, match, state, firings);
        if (options.Listener is { } listener)
        {
            EvaluationEvents.Raise(listener, ruleSet, truth, state);
        }

        return new RuleSetEvaluation(ruleSet, state, truth, firings);
    }

    private static RuleTruth[] Truths(CompiledRuleSet ruleSet, IExternalMatcher matcher, ExternalMatch match)
    {
        var truths = match.RuleTruths ?? throw Defect(matcher, "reported no rule truths");
        var truth = new RuleTruth[ruleSet.Rules.Length];
        foreach (var rule in ruleSet.Rules)
        {
            if (!truths.TryGetValue(rule.Model.Id, out var value))
            {
                throw Defect(matcher, $"reported no truth for rule '{rule.Model.Id}'");
            }

            truth[rule.Index] = value switch
            {
                Truth.True => RuleTruth.Fired,
                Truth.False => RuleTruth.False,
                Truth.Unknown => RuleTruth.Unknown,
                _ => throw Defect(matcher, $"reported an invalid truth for rule '{rule.Model.Id}'"),
            };
        }

        if (truths.Count != ruleSet.Rules.Length)
        {
            throw Defect(matcher, "reported truths for rules the rule set does not have");
        }

        return truth;
    }

    private static List<int> Firings(CompiledRuleSet ruleSet, IExternalMatcher matcher, ExternalMatch match, RuleTruth[] truth)
    {
        var firings = new List<int>(match.Firings.Length);
        var seen = new bool[truth.Length];
        foreach (var id in match.Firings)
        {
            var index = ruleSet.IndexOf(id);
            if (index < 0 || seen[index] || truth[index] != RuleTruth.Fired)
            {
                throw Defect(matcher, $"reported a firing of rule '{id}' that is unknown, repeated or not true");
            }

            seen[index] = true;
            firings.Add(index);
        }

        if (firings.Count != truth.Count(t => t == RuleTruth.Fired))
        {
            throw Defect(matcher, "reported true rules that did not fire");
        }

        return firings;
    }

    private static void SettleDerived(CompiledRuleSet ruleSet, IExternalMatcher matcher, ExternalMatch match, FactState state, List<int> firings)
    {
        var settled = new bool[ruleSet.Facts.Count];
        foreach (var derived in match.DerivedFacts.IsDefault ? [] : match.DerivedFacts)
        {
            if (!ruleSet.Facts.TryGet(derived.Fact, out var slot) || ruleSet.Facts.Definitions[slot].Origin != FactOrigin.Derived || settled[slot])
            {
                throw Defect(matcher, $"reported '{derived.Fact}', which is not a derived fact or is reported twice");
            }

            settled[slot] = true;
            switch (derived.Status)
            {
                case Truth.False:
                    state.Status[slot] = FactStatus.NotDerived;
                    break;
                case Truth.Unknown:
                    state.Status[slot] = FactStatus.Undecided;
                    break;
                default:
                    var by = derived.DerivedBy is null ? -1 : ruleSet.IndexOf(derived.DerivedBy);
                    var position = by < 0 ? -1 : firings.IndexOf(by);
                    if (position < 0 || derived.Value is null || !ruleSet.Rules[by].Derives.Contains((slot, derived.Value)))
                    {
                        throw Defect(matcher, $"reported '{derived.Fact}' derived by '{derived.DerivedBy}', which did not fire or does not derive that value");
                    }

                    state.Values[slot] = derived.Value;
                    state.Status[slot] = FactStatus.Present;
                    state.SetBy[slot] = position + 1;
                    break;
            }
        }

        for (var slot = 0; slot < settled.Length; slot++)
        {
            if (!settled[slot] && ruleSet.Facts.Definitions[slot].Origin == FactOrigin.Derived)
            {
                throw Defect(matcher, $"reported nothing about derived fact '{ruleSet.Facts.Definitions[slot].Name}'");
            }
        }
    }

    private static InvalidOperationException Defect(IExternalMatcher matcher, string problem) =>
        new($"matcher '{matcher.Name}' {problem}");
}
