using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace KetCds.Engine.NRules.Internal;

/// <summary>
/// Turns a compiled rule set into NRules' canonical model. Per rule of the set: a TRUE rule (fires it: verdict,
/// firing log, derivations) and a FALSE rule (a linked false verdict). Per derivation stage: a SETTLE rule at the lowest
/// salience that, once the stage is quiet, settles its facts with the priority decision and starts the next stage;
/// for a cyclic stage also UNDECIDE rules that propagate undecided producers through the cycle to a fixed point.
/// </summary>
internal static class RuleSetEncoder
{
    /// <summary>Salience tiers: every decidable rule first, then undecided propagation, then settling a stage.</summary>
    private const int DecideTier = 2_000_000;
    private const int UndecideTier = 0;
    private const int SettleTier = -2_000_000;

    public static (List<IRuleDefinition> Definitions, EncodedRule[] Rules, EncodedStage[] Stages) Encode(CompiledRuleSet ruleSet)
    {
        var stages = ruleSet.DerivationStages();
        var stageOfRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var facts = new Dictionary<string, (FactOrigin Origin, int Stage)>(StringComparer.Ordinal);
        foreach (var definition in ruleSet.Model.Facts)
        {
            facts[definition.Name] = (definition.Origin, -1);
        }

        for (var s = 0; s < stages.Length; s++)
        {
            foreach (var id in stages[s].Rules)
            {
                stageOfRule[id] = s;
            }

            foreach (var fact in stages[s].Facts)
            {
                facts[fact] = (FactOrigin.Derived, s);
            }
        }

        var ordered = ruleSet.Model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        var rules = ordered.Select((rule, i) =>
        {
            var stage = stageOfRule.GetValueOrDefault(rule.Id, -1);
            var derives = new Dictionary<string, TypedValue>(StringComparer.Ordinal);
            foreach (var derive in rule.Then.OfType<DeriveAction>())
            {
                derives.TryAdd(derive.Fact, derive.Value);
            }

            return new EncodedRule
            {
                Index = i,
                Model = rule,
                Stage = stage,
                Derives = derives,
                Targets = stage >= 0 && stages[stage].Cyclic ? [.. derives.Keys.Order(StringComparer.Ordinal)] : [],
            };
        }).ToArray();

        var byId = rules.ToDictionary(r => r.Model.Id, StringComparer.Ordinal);
        var encodedStages = stages.Select((stage, s) => new EncodedStage
        {
            Index = s,
            Cyclic = stage.Cyclic,
            Last = s == stages.Length - 1,
            Facts = [.. stage.Facts.Select(fact => (fact, stage.Rules.Select(id => byId[id]).Where(r => r.Derives.ContainsKey(fact)).ToArray()))],
        }).ToArray();

        var definitions = new List<IRuleDefinition>();
        foreach (var rule in rules)
        {
            definitions.Add(TrueRule(rule, facts));
            definitions.Add(FalseRule(rule, facts));
        }

        foreach (var stage in encodedStages)
        {
            if (stage.Cyclic)
            {
                foreach (var (fact, producers) in stage.Facts)
                {
                    definitions.AddRange(producers.Select(p => UndecideRule(stage, fact, p)));
                }
            }

            definitions.Add(SettleRule(stage));
        }

        return (definitions, rules, encodedStages);
    }

    private static IRuleDefinition TrueRule(EncodedRule rule, IReadOnlyDictionary<string, (FactOrigin, int)> facts)
    {
        var builder = Named($"true:{rule.Model.Id}", DecideTier + Math.Clamp(rule.Model.Priority, -999_999, 999_999));
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(FiringLog), "log");

        // Fire once: an Or branch of the condition matching twice, or an update of a matched fact, is not a new firing.
        var verdict = Expression.Parameter(typeof(Verdict), "fired");
        lhs.Not().Pattern(typeof(Verdict), "fired").Condition(Expression.Lambda(
            Expression.AndAlso(
                Expression.Equal(Expression.Property(verdict, nameof(Verdict.Rule)), Expression.Constant(rule.Index)),
                Expression.Property(verdict, nameof(Verdict.Holds))),
            verdict));

        var targets = rule.Targets.Select((fact, i) =>
        {
            var target = Expression.Parameter(typeof(WorkingFact), $"t{i}");
            lhs.Pattern(typeof(WorkingFact), target.Name!).Condition(Expression.Lambda(
                Expression.Equal(Expression.Property(target, nameof(WorkingFact.Name)), Expression.Constant(fact)), target));
            return target;
        }).ToArray();

        new ConditionEncoder(facts, rule.Stage).Encode(lhs, rule.Model.When, wanted: true);

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var log = Expression.Parameter(typeof(FiringLog), "log");
        var call = Expression.Call(
            typeof(Actions).GetMethod(nameof(Actions.Fire))!,
            context,
            log,
            Expression.Constant(rule),
            Expression.NewArrayInit(typeof(WorkingFact), targets));
        builder.RightHandSide().Action(Expression.Lambda(call, [context, log, .. targets]));
        return builder.Build();
    }

    private static IRuleDefinition FalseRule(EncodedRule rule, IReadOnlyDictionary<string, (FactOrigin, int)> facts)
    {
        var builder = Named($"false:{rule.Model.Id}", DecideTier + Math.Clamp(rule.Model.Priority, -999_999, 999_999));
        new ConditionEncoder(facts, rule.Stage).Encode(builder.LeftHandSide(), rule.Model.When, wanted: false);
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var call = Expression.Call(typeof(Actions).GetMethod(nameof(Actions.Fail))!, context, Expression.Constant(rule));
        builder.RightHandSide().Action(Expression.Lambda(call, context));
        return builder.Build();
    }

    private static IRuleDefinition UndecideRule(EncodedStage stage, string fact, EncodedRule producer)
    {
        var builder = Named($"undecide:{fact}:{producer.Model.Id}", UndecideTier);
        var lhs = builder.LeftHandSide();
        PhasePattern(lhs, stage);

        var item = Expression.Parameter(typeof(WorkingFact), "fact");
        lhs.Pattern(typeof(WorkingFact), "fact").Condition(Expression.Lambda(
            Expression.AndAlso(
                Expression.Equal(Expression.Property(item, nameof(WorkingFact.Name)), Expression.Constant(fact)),
                Expression.Equal(Expression.Property(item, nameof(WorkingFact.Condition)), Expression.Constant(FactCondition.NotDerived))),
            item));

        var verdict = Expression.Parameter(typeof(Verdict), "verdict");
        lhs.Not().Pattern(typeof(Verdict), "verdict").Condition(Expression.Lambda(
            Expression.Equal(Expression.Property(verdict, nameof(Verdict.Rule)), Expression.Constant(producer.Index)), verdict));

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var call = Expression.Call(typeof(Actions).GetMethod(nameof(Actions.Undecide))!, context, item);
        builder.RightHandSide().Action(Expression.Lambda(call, context, item));
        return builder.Build();
    }

    private static IRuleDefinition SettleRule(EncodedStage stage)
    {
        var builder = Named($"settle:{stage.Index}", SettleTier);
        var lhs = builder.LeftHandSide();
        var phase = PhasePattern(lhs, stage);

        var verdicts = lhs.Pattern(typeof(IEnumerable<Verdict>), "verdicts");
        var aggregate = verdicts.Aggregate();
        aggregate.Collect();
        var source = new PatternBuilder(typeof(Verdict), "verdict");
        var verdict = Expression.Parameter(typeof(Verdict), "verdict");
        source.Condition(Expression.Lambda(
            Expression.Equal(Expression.Property(verdict, nameof(Verdict.Stage)), Expression.Constant(stage.Index)), verdict));
        aggregate.Pattern(source);

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var collected = Expression.Parameter(typeof(IEnumerable<Verdict>), "verdicts");
        var call = Expression.Call(typeof(Actions).GetMethod(nameof(Actions.Settle))!, context, phase, collected, Expression.Constant(stage));
        builder.RightHandSide().Action(Expression.Lambda(call, context, phase, collected));
        return builder.Build();
    }

    private static ParameterExpression PhasePattern(GroupBuilder lhs, EncodedStage stage)
    {
        var phase = Expression.Parameter(typeof(StagePhase), "phase");
        lhs.Pattern(typeof(StagePhase), "phase").Condition(Expression.Lambda(
            Expression.Equal(Expression.Property(phase, nameof(StagePhase.Stage)), Expression.Constant(stage.Index)), phase));
        return phase;
    }

    private static RuleBuilder Named(string name, int priority)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Priority(priority);
        builder.Repeatability(RuleRepeatability.NonRepeatable);
        return builder;
    }
}
