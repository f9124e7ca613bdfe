using System.Collections.Immutable;

namespace KetCds.Engine.Internal;

/// <summary>Builds justifications and why-not reports from a finished evaluation, on demand.</summary>
internal sealed class Explainer(CompiledRuleSet ruleSet, FactState state, RuleTruth[] truth, int[] firings)
{
    private int[]? _position;

    public RuleJustification? Explain(int ruleIndex)
    {
        var position = Positions()[ruleIndex];
        return position < 0 ? null : Explain(ruleIndex, position);
    }

    public WhyNotReport WhyNot(string code)
    {
        var rules = ruleSet.EmittersOf(code);
        var produced = rules.Any(r => truth[r] == RuleTruth.Fired);
        if (rules.Length == 0 && ruleSet.Facts.TryGet(code, out var slot) && ruleSet.Facts.Definitions[slot].Origin == FactOrigin.Derived)
        {
            rules = ruleSet.Plan.Producers[slot];

            // A producer can fire and the fact still be undecided, when an unknown higher-priority producer contests it.
            produced = state.Status[slot] == FactStatus.Present;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var reports = rules.Select(r => WhyNotRule(r, visited)).ToImmutableArray();
        return new WhyNotReport(code, produced, reports);
    }

    public ImmutableArray<MissingFact> MissingFacts()
    {
        var byFact = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var rule in ruleSet.Rules)
        {
            if (truth[rule.Index] is not (RuleTruth.Unknown or RuleTruth.Skipped))
            {
                continue;
            }

            // The whole condition, not just its first blocker: the caller should be asked for every input at once.
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            ConditionTracer.CollectMissing(rule.Model.When, ruleSet.Facts, state, missing);
            foreach (var fact in missing)
            {
                if (!byFact.TryGetValue(fact, out var set))
                {
                    byFact[fact] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(rule.Model.Id);
            }
        }

        return [.. byFact.Select(p => new MissingFact(p.Key, [.. p.Value]))];
    }

    private RuleJustification Explain(int ruleIndex, int position)
    {
        var rule = ruleSet.Rules[ruleIndex];
        var matched = ImmutableArray.CreateBuilder<MatchedFact>(rule.TestedSlots.Length);
        var premises = ImmutableArray.CreateBuilder<RuleJustification>();
        var cited = new List<int>(rule.TestedSlots.Length);
        foreach (var slot in rule.TestedSlots)
        {
            var definition = ruleSet.Facts.Definitions[slot];
            var present = state.Status[slot] == FactStatus.Present;
            matched.Add(new MatchedFact(definition.Name, present ? state.Values[slot] : null, definition.Origin));

            // Only derivations made before this rule fired can have supported it; this also keeps cycles finite.
            var setBy = state.SetBy[slot] - 1;
            if (definition.Origin == FactOrigin.Derived && present && setBy >= 0 && setBy < position && !cited.Contains(setBy))
            {
                // One firing that derived several tested facts is one premise.
                cited.Add(setBy);
                premises.Add(Explain(firings[setBy], setBy));
            }
        }

        var citations = rule.Model.Citations.IsDefault ? [] : rule.Model.Citations;
        return new RuleJustification(rule.Model.Id, rule.Model.Title, matched.MoveToImmutable(), premises.ToImmutable(), citations);
    }

    private WhyNotRule WhyNotRule(int ruleIndex, HashSet<string> visited)
    {
        var rule = ruleSet.Rules[ruleIndex];
        visited.Add(rule.Model.Id);
        if (truth[ruleIndex] == RuleTruth.Fired)
        {
            return new WhyNotRule(rule.Model.Id, rule.Model.Title, Truth.True, null, null, [], []);
        }

        var trace = ConditionTracer.Trace(rule.Model.When, ruleSet.Facts, state);
        var premises = trace.UnderivedFacts.Select(fact =>
        {
            var producers = ruleSet.Plan.Producers[ruleSet.Facts.Slots[fact]]
                .Where(p => !visited.Contains(ruleSet.Rules[p].Model.Id))
                .Select(p => WhyNotRule(p, visited))
                .ToImmutableArray();
            return new WhyNotFact(fact, producers);
        }).ToImmutableArray();

        return new WhyNotRule(
            rule.Model.Id,
            rule.Model.Title,
            trace.Truth,
            trace.Blocking is null ? null : CanonicalWriter.Render(trace.Blocking),
            trace.Blocking?.Location ?? rule.Model.Location,
            [.. trace.MissingInputs],
            premises);
    }

    private int[] Positions()
    {
        if (_position is null)
        {
            var position = new int[ruleSet.Rules.Length];
            Array.Fill(position, -1);
            for (var i = 0; i < firings.Length; i++)
            {
                position[firings[i]] = i;
            }

            _position = position;
        }

        return _position;
    }
}
