using System.Collections.Immutable;
using KetCds.Engine.Internal;

namespace KetCds.Engine;

/// <summary>Validates a rule-set model and compiles it, once per version, into a <see cref="CompiledRuleSet"/>.</summary>
public static class RuleSetCompiler
{
    /// <summary>Compiles <paramref name="model"/>, or returns every error found; never returns a half-built rule set.</summary>
    public static RuleSetCompilation Compile(RuleSetModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // An unset collection means "none", not a crash halfway through compiling.
        if (model.Facts.IsDefault || model.Rules.IsDefault)
        {
            model = model with { Facts = model.Facts.IsDefault ? [] : model.Facts, Rules = model.Rules.IsDefault ? [] : model.Rules };
        }
        var errors = ModelValidator.Validate(model);
        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        var index = new FactIndex(model.Facts);
        var rules = CompileRules(model, index);
        var plan = DependencyAnalyzer.Plan(rules, index, errors);
        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        var modelHash = CanonicalWriter.Hash(model);
        return new RuleSetCompilation(new CompiledRuleSet(model, modelHash, index, rules, plan), []);
    }

    private static CompiledRule[] CompileRules(RuleSetModel model, FactIndex index)
    {
        var ordered = model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();

        // Rank every outcome once so an evaluation can sort what fired by integer rank alone.
        var ranks = ordered
            .SelectMany((rule, r) => rule.Then.OfType<EmitAction>().Select((emit, i) => (emit, r, i)))
            .OrderBy(x => x.emit.Kind).ThenBy(x => x.emit.Code, StringComparer.Ordinal).ThenBy(x => x.r).ThenBy(x => x.i)
            .Select((x, rank) => (x.emit, rank))
            .ToDictionary(x => (object)x.emit, x => x.rank, ReferenceEqualityComparer.Instance);

        return ordered.Select((rule, i) =>
        {
            var citations = rule.Citations.IsDefault ? [] : rule.Citations;
            var derives = rule.Then.OfType<DeriveAction>().Select(d => (index.Slots[d.Fact], d.Value)).ToArray();
            var guard = ConditionFacts.Guard(rule.When, index);
            return new CompiledRule
            {
                Index = i,
                Model = rule,
                Derives = derives,
                Outcomes = rule.Then.OfType<EmitAction>()
                    .Select(e => (ranks[e], new Outcome(e.Kind, e.Code, e.Text, SortAttributes(e.Attributes), rule.Id, citations)))
                    .ToArray(),
                Requests = rule.Then.OfType<RequestDataAction>().Select(r => new DataRequest(r.Fact, r.Reason, rule.Id)).ToArray(),
                TestedSlots = ConditionFacts.Tested(rule.When).Select(t => index.Slots[t.Fact]).Distinct().Order().ToArray(),
                GuardSlot = guard is null ? -1 : index.Slots[guard],
            };
        }).ToArray();
    }

    private static ImmutableArray<OutcomeAttribute> SortAttributes(ImmutableArray<OutcomeAttribute> attributes) =>
        attributes.IsDefault ? [] : [.. attributes.OrderBy(a => a.Name, StringComparer.Ordinal)];

    private static RuleSetCompilation Failed(List<ModelError> errors) =>
        new(null, [.. errors
            .OrderBy(e => e.Location?.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Location?.Line ?? 0)
            .ThenBy(e => e.Location?.Column ?? 0)
            .ThenBy(e => e.Message, StringComparer.Ordinal)]);
}
