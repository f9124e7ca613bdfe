namespace KetCds.Engine.Internal;

/// <summary>Walks a condition tree to list the facts it tests and with which polarity.</summary>
internal static class ConditionFacts
{
    /// <summary>Every (fact, negative) pair tested; negative means the test can hold because the fact is absent.</summary>
    public static IEnumerable<(string Fact, bool Negative)> Tested(Condition condition, bool negated = false)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var item in all.Items.SelectMany(c => Tested(c, negated)))
                {
                    yield return item;
                }

                break;
            case AnyCondition any:
                foreach (var item in any.Items.SelectMany(c => Tested(c, negated)))
                {
                    yield return item;
                }

                break;
            case NotCondition not:
                foreach (var item in Tested(not.Inner, !negated))
                {
                    yield return item;
                }

                break;
            case PresenceCondition presence:
                yield return (presence.Fact, negated ^ !presence.Present);
                break;
            case ComparisonCondition comparison:
                yield return (comparison.Fact, negated ^ ConditionSemantics.IsNegative(comparison.Operator));
                break;
            case RangeCondition range:
                yield return (range.Fact, negated);
                break;
            case MembershipCondition membership:
                yield return (membership.Fact, negated ^ ConditionSemantics.IsNegative(membership.Operator));
                break;
        }
    }

    /// <summary>The first fact tested positively by a top-level conjunct, usable as an index key; null if none.</summary>
    public static string? Guard(Condition condition, FactIndex index)
    {
        var conjuncts = condition is AllCondition all ? all.Items.AsEnumerable() : [condition];
        foreach (var conjunct in conjuncts)
        {
            var fact = conjunct switch
            {
                ComparisonCondition c => c.Fact,
                RangeCondition r => r.Fact,
                MembershipCondition m => m.Fact,
                _ => null,
            };

            // Only an input fact can guard: a missing input makes the conjunct unknown, so the rule cannot fire.
            if (fact is not null && index.TryGet(fact, out var slot) && index.Definitions[slot].Origin == FactOrigin.Input)
            {
                return fact;
            }
        }

        return null;
    }
}
