using NRules.RuleModel;

namespace KetCds.Engine.NRules.Internal;

/// <summary>The right-hand sides of the generated NRules rules; called from their compiled action expressions.</summary>
internal static class Actions
{
    /// <summary>A rule's condition matched as true: record the firing (within the cap) and its verdict.</summary>
    public static void Fire(IContext context, FiringLog log, EncodedRule rule, WorkingFact[] targets)
    {
        if (log.Firings.Count >= log.MaxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {log.MaxFirings} rule firings");
        }

        log.Firings.Add(rule.Index);
        context.Insert(new Verdict(rule.Index, rule.Stage, holds: true));

        // Only in a cyclic stage do rules read what their own stage derives; they see a value as soon as it exists.
        foreach (var target in targets)
        {
            if (target.Condition == FactCondition.NotDerived)
            {
                context.Update(new WorkingFact(target.Name, FactCondition.Present, rule.Derives[target.Name], settled: false, rule.Index));
            }
        }
    }

    /// <summary>A rule's condition matched as false. Linked, so it is withdrawn if that match stops holding.</summary>
    public static void Fail(IContext context, EncodedRule rule) =>
        context.InsertLinked("false", new Verdict(rule.Index, rule.Stage, holds: false));

    /// <summary>A producer of a still-underived fact of a cyclic stage is undecided: the fact is undecided too.</summary>
    public static void Undecide(IContext context, WorkingFact fact) =>
        context.Update(new WorkingFact(fact.Name, FactCondition.Undecided, null, settled: false, derivedBy: -1));

    /// <summary>
    /// The stage is quiet: settle each of its facts from its producers' verdicts and hand over to the next stage.
    /// The highest-priority producer that fired wins, unless a higher-priority producer left undecided would derive
    /// another value: then the fact is undecided. With no producer fired, it is undecided if any producer is.
    /// </summary>
    public static void Settle(IContext context, StagePhase phase, IEnumerable<Verdict> verdicts, EncodedStage stage)
    {
        var fired = new HashSet<int>();
        var failed = new HashSet<int>();
        foreach (var verdict in verdicts)
        {
            (verdict.Holds ? fired : failed).Add(verdict.Rule);
        }

        foreach (var (fact, producers) in stage.Facts)
        {
            var settled = new WorkingFact(fact, FactCondition.NotDerived, null, settled: true, derivedBy: -1);
            var undecidedAbove = new List<TypedValue>();
            foreach (var producer in producers)
            {
                var value = producer.Derives[fact];
                if (fired.Contains(producer.Index))
                {
                    var overturnable = undecidedAbove.Exists(other => !other.Equals(value));
                    settled = overturnable
                        ? new WorkingFact(fact, FactCondition.Undecided, null, settled: true, derivedBy: -1)
                        : new WorkingFact(fact, FactCondition.Present, value, settled: true, producer.Index);
                    break;
                }

                if (!failed.Contains(producer.Index))
                {
                    undecidedAbove.Add(value);
                }
            }

            if (settled.Condition == FactCondition.NotDerived && undecidedAbove.Count > 0)
            {
                settled = new WorkingFact(fact, FactCondition.Undecided, null, settled: true, derivedBy: -1);
            }

            context.Update(settled);
        }

        context.Retract(phase);
        if (!stage.Last)
        {
            context.Insert(new StagePhase(stage.Index + 1));
        }
    }
}
