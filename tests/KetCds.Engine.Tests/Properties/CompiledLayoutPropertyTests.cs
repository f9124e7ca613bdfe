using FsCheck.Xunit;
using KetCds.Engine.Internal;

namespace KetCds.Engine.Tests.Properties;

/// <summary>
/// The compile-time structures built by loops (outcome ranks, tested slots, the evaluation plan, guard buckets, emitters
/// by code) against the LINQ queries they replaced, kept here as the reference, over random models: the loops exist only
/// so that a cold load JIT-compiles less generic code, and must build exactly what the queries built.
/// </summary>
[Properties(Arbitrary = [typeof(ScenarioArbitraries)], MaxTest = 300, EndSize = 100)]
public class CompiledLayoutPropertyTests
{
    private static CompiledRuleSet Compile(RuleSetModel model)
    {
        var compilation = RuleSetCompiler.Compile(model);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
        return compilation.RuleSet;
    }

    [Property]
    public void Compile_AnyModel_RulesAsTheQueriesBuiltThem(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var ordered = scenario.Model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var ranks = ordered
            .SelectMany((rule, r) => rule.Then.OfType<EmitAction>().Select((emit, i) => (emit, r, i)))
            .OrderBy(x => x.emit.Kind).ThenBy(x => x.emit.Code, StringComparer.Ordinal).ThenBy(x => x.r).ThenBy(x => x.i)
            .Select((x, rank) => (x.emit, rank))
            .ToDictionary(x => (object)x.emit, x => x.rank, ReferenceEqualityComparer.Instance);
        Assert.Equal(ordered.Length, set.Rules.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            var rule = set.Rules[i];
            Assert.Same(ordered[i], rule.Model);
            Assert.Equal(ordered[i].Then.OfType<DeriveAction>().Select(d => (set.Facts.Slots[d.Fact], d.Value)), rule.Derives);
            Assert.Equal(ordered[i].Then.OfType<EmitAction>().Select(e => (ranks[e], e.Code)), rule.Outcomes.Select(o => (o.Rank, o.Outcome.Code)));
            Assert.Equal(ordered[i].Then.OfType<RequestDataAction>().Select(r => r.Fact), rule.Requests.Select(r => r.Fact));
            Assert.Equal(
                ConditionFacts.Tested(ordered[i].When).Select(t => set.Facts.Slots[t.Fact]).Distinct().Order(),
                rule.TestedSlots);
        }
    }

    [Property]
    public void Compile_AnyModel_PlanAsTheQueriesBuiltIt(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var rules = set.Rules;
        var plan = set.Plan;
        for (var slot = 0; slot < set.Facts.Count; slot++)
        {
            var expected = plan.Producers[slot].Select(r => rules[r])
                .OrderByDescending(r => r.Model.Priority).ThenBy(r => r.Index)
                .Select(r => (r.Index, r.Derives.First(d => d.Slot == slot).Value));
            Assert.Equal(expected, plan.RankedProducers[slot]);
            Assert.Equal(plan.Producers[slot].Order(), plan.Producers[slot]);
        }

        foreach (var stage in plan.Stages)
        {
            var expected = stage.Facts.SelectMany(s => plan.Producers[s]).Distinct().Select(r => rules[r])
                .OrderByDescending(r => r.Model.Priority).ThenBy(r => r.Index).Select(r => r.Index);
            Assert.Equal(expected, stage.Rules);
            Assert.Equal(stage.Facts.Order(), stage.Facts);
        }

        Assert.Equal(rules.Select(r => r.GuardSlot), plan.GuardSlots);
    }

    [Property]
    public void Compile_AnyModel_GuardBucketsAndEmittersAsTheQueriesBuiltThem(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var kernel = set.Kernel;
        // An emitter sits under the slot of its guard test (the rarest conjunct, not always the plan's guard slot), or
        // under the plan's guard slot when it has no guard test.
        var emitterSlot = new Dictionary<int, int>();
        for (var slot = 0; slot < set.Facts.Count; slot++)
        {
            foreach (var rule in set.Plan.GuardedEmitters[slot] ?? [])
            {
                emitterSlot[rule] = kernel.GuardTests[rule] >= 0 ? kernel.Tests.Slot[kernel.GuardTests[rule]] : slot;
            }
        }

        for (var slot = 0; slot < set.Facts.Count; slot++)
        {
            var inSlot = emitterSlot.Where(e => e.Value == slot).Select(e => e.Key).Order().ToArray();
            var expected = inSlot.Length == 0
                ? null
                : inSlot.GroupBy(r => kernel.GuardTests[r]).OrderBy(g => g.Key).Select(g => (g.Key, g.ToArray())).ToArray();
            Assert.Equal(expected is null, kernel.GuardedEmitters[slot] is null);
            if (expected is not null)
            {
                Assert.Equal(expected.Select(b => b.Key), kernel.GuardedEmitters[slot]!.Select(b => b.Test));
                Assert.Equal(expected.Select(b => b.Item2), kernel.GuardedEmitters[slot]!.Select(b => b.Rules));
            }
        }

        var emitters = set.Rules
            .SelectMany(r => r.Outcomes.Select(o => (o.Outcome.Code, r.Index)))
            .GroupBy(x => x.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).Distinct().Order().ToArray(), StringComparer.Ordinal);
        Assert.Equal(emitters.Keys.Order(StringComparer.Ordinal), set.OutcomeCodes);
        foreach (var (code, indices) in emitters)
        {
            Assert.Equal(indices, set.EmittersOf(code));
        }
    }
}
