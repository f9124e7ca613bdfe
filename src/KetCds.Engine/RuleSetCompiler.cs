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

    // Loops rather than LINQ over value tuples: every such query is generic code the JIT compiles at load (ReadyToRun
    // cannot precompile it), hundreds of methods in all, for a few milliseconds of work.
    private static CompiledRule[] CompileRules(RuleSetModel model, FactIndex index)
    {
        var ordered = model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();

        // Rank every outcome once so an evaluation can sort what fired by integer rank alone: by kind, code, then the
        // rule's and the action's position, which makes the order total.
        var emits = new List<EmitAction>();
        var emitRule = new List<int>();
        var emitItem = new List<int>();
        for (var r = 0; r < ordered.Length; r++)
        {
            var item = 0;
            foreach (var action in ordered[r].Then)
            {
                if (action is EmitAction emit)
                {
                    emits.Add(emit);
                    emitRule.Add(r);
                    emitItem.Add(item++);
                }
            }
        }

        var byRank = new int[emits.Count];
        for (var e = 0; e < byRank.Length; e++)
        {
            byRank[e] = e;
        }

        Array.Sort(byRank, (a, b) =>
        {
            var order = ((int)emits[a].Kind).CompareTo((int)emits[b].Kind);
            order = order != 0 ? order : string.CompareOrdinal(emits[a].Code, emits[b].Code);
            order = order != 0 ? order : emitRule[a].CompareTo(emitRule[b]);
            return order != 0 ? order : emitItem[a].CompareTo(emitItem[b]);
        });
        var rankOf = new int[emits.Count];
        for (var rank = 0; rank < byRank.Length; rank++)
        {
            rankOf[byRank[rank]] = rank;
        }

        var compiled = new CompiledRule[ordered.Length];
        var next = 0;
        var tested = new List<int>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var rule = ordered[i];
            var citations = rule.Citations.IsDefault ? [] : rule.Citations;
            int deriveCount = 0, outcomeCount = 0, requestCount = 0;
            foreach (var action in rule.Then)
            {
                deriveCount += action is DeriveAction ? 1 : 0;
                outcomeCount += action is EmitAction ? 1 : 0;
                requestCount += action is RequestDataAction ? 1 : 0;
            }

            var derives = new (int Slot, TypedValue Value)[deriveCount];
            var outcomes = new (int Rank, Outcome Outcome)[outcomeCount];
            var requests = new DataRequest[requestCount];
            deriveCount = outcomeCount = requestCount = 0;
            foreach (var action in rule.Then)
            {
                switch (action)
                {
                    case DeriveAction d:
                        derives[deriveCount++] = (index.Slots[d.Fact], d.Value);
                        break;
                    case EmitAction e:
                        outcomes[outcomeCount++] = (rankOf[next++], new Outcome(e.Kind, e.Code, e.Text, SortAttributes(e.Attributes), rule.Id, citations));
                        break;
                    case RequestDataAction request:
                        requests[requestCount++] = new DataRequest(request.Fact, request.Reason, rule.Id);
                        break;
                }
            }

            var guard = ConditionFacts.Guard(rule.When, index);
            compiled[i] = new CompiledRule
            {
                Index = i,
                Model = rule,
                Derives = derives,
                Outcomes = outcomes,
                Requests = requests,
                TestedSlots = ConditionFacts.TestedSlots(rule.When, index, tested),
                GuardSlot = guard is null ? -1 : index.Slots[guard],
            };
        }

        return compiled;
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
