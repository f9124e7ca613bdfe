using System.Linq.Expressions;
using NRules.RuleModel.Builders;

namespace KetCds.Engine.NRules.Internal;

/// <summary>
/// Compiles a three-valued condition into NRules patterns that match exactly when it is TRUE, or exactly when it is
/// FALSE; when it is unknown neither matches. Every atomic test becomes one pattern over the tested fact's working
/// item with its test as an expression tree; all/any/not become And/Or groups by De Morgan.
/// </summary>
internal sealed class ConditionEncoder(IReadOnlyDictionary<string, (FactOrigin Origin, int Stage)> facts, int ruleStage)
{
    private static readonly Expression PresentCondition = Expression.Constant(FactCondition.Present);
    private int _next;

    /// <summary>Adds to <paramref name="group"/> the patterns that match when <paramref name="condition"/> has the truth <paramref name="wanted"/>.</summary>
    public void Encode(GroupBuilder group, Condition condition, bool wanted)
    {
        switch (condition)
        {
            case AllCondition all:
                Combine(group, all.Items, wanted, conjunctive: wanted);
                return;
            case AnyCondition any:
                Combine(group, any.Items, wanted, conjunctive: !wanted);
                return;
            case NotCondition not:
                Encode(group, not.Inner, !wanted);
                return;
        }

        Atom(group, condition, wanted);
    }

    private void Combine(GroupBuilder group, IEnumerable<Condition> items, bool wanted, bool conjunctive)
    {
        if (conjunctive)
        {
            foreach (var item in items)
            {
                Encode(group, item, wanted);
            }

            return;
        }

        var or = group.Group(GroupType.Or);
        foreach (var item in items)
        {
            Encode(or.Group(GroupType.And), item, wanted);
        }
    }

    private void Atom(GroupBuilder group, Condition condition, bool wanted)
    {
        var name = $"f{_next++}";
        var pattern = group.Pattern(typeof(WorkingFact), name);
        var item = Expression.Parameter(typeof(WorkingFact), name);
        var fact = FactOf(condition);
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(item, nameof(WorkingFact.Name)), Expression.Constant(fact)), item));

        // A derived fact of an earlier stage is read once settled; one of the rule's own (cyclic) stage as it grows.
        var (origin, stage) = facts[fact];
        if (origin == FactOrigin.Derived && stage != ruleStage)
        {
            pattern.Condition(Expression.Lambda(Expression.Property(item, nameof(WorkingFact.Settled)), item));
        }

        pattern.Condition(Expression.Lambda(Truth(condition, item, wanted), item));
    }

    /// <summary>
    /// The test, three-valued: a present fact decides it by value; a missing input or an undecided derived fact leaves
    /// it unknown (neither pattern matches); a derived fact known not to be derived makes positive tests false and
    /// negative tests (≠, not in, contains none, absent) true. Presence is decided for missing inputs too.
    /// </summary>
    private static Expression Truth(Condition condition, ParameterExpression item, bool wanted)
    {
        var state = Expression.Property(item, nameof(WorkingFact.Condition));
        Expression Is(FactCondition c) => Expression.Equal(state, Expression.Constant(c));

        if (condition is PresenceCondition presence)
        {
            var present = Is(FactCondition.Present);
            var absent = Expression.OrElse(Is(FactCondition.Missing), Is(FactCondition.NotDerived));
            return presence.Present == wanted ? present : absent;
        }

        var value = Expression.Property(item, nameof(WorkingFact.Value));
        var (test, negative) = condition switch
        {
            ComparisonCondition c => (Compare(value, c.Operator, c.Value), c.Operator == ComparisonOperator.NotEqual),
            RangeCondition r => (Range(value, r.Minimum, r.Maximum), false),
            MembershipCondition m => (Membership(value, m.Operator, m.Symbols), m.Operator is MembershipOperator.NotIn or MembershipOperator.ContainsNone),
            _ => throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}"),
        };

        var decided = Expression.AndAlso(Expression.Equal(state, PresentCondition), wanted ? test : Expression.Not(test));
        return negative == wanted ? Expression.OrElse(decided, Is(FactCondition.NotDerived)) : decided;
    }

    private static Expression Compare(Expression value, ComparisonOperator op, TypedValue literal)
    {
        if (op is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            var equal = Expression.Call(value, typeof(TypedValue).GetMethod(nameof(TypedValue.Equals), [typeof(TypedValue)])!, Expression.Constant(literal));
            return op == ComparisonOperator.Equal ? equal : Expression.Not(equal);
        }

        var number = Expression.Property(value, nameof(TypedValue.Number));
        var bound = Expression.Constant(literal.Number);
        return op switch
        {
            ComparisonOperator.LessThan => Expression.LessThan(number, bound),
            ComparisonOperator.LessThanOrEqual => Expression.LessThanOrEqual(number, bound),
            ComparisonOperator.GreaterThan => Expression.GreaterThan(number, bound),
            _ => Expression.GreaterThanOrEqual(number, bound),
        };
    }

    private static Expression Range(Expression value, TypedValue? minimum, TypedValue? maximum)
    {
        var number = Expression.Property(value, nameof(TypedValue.Number));
        Expression test = Expression.Constant(true);
        if (minimum is not null)
        {
            test = Expression.GreaterThanOrEqual(number, Expression.Constant(minimum.Number));
        }

        if (maximum is not null)
        {
            var upper = Expression.LessThanOrEqual(number, Expression.Constant(maximum.Number));
            test = minimum is null ? upper : Expression.AndAlso(test, upper);
        }

        return test;
    }

    private static Expression Membership(Expression value, MembershipOperator op, IEnumerable<string> symbols)
    {
        var contains = typeof(TypedValue).GetMethod(nameof(TypedValue.Contains), [typeof(string)])!;
        var tests = symbols.Select(s => (Expression)Expression.Call(value, contains, Expression.Constant(s))).ToArray();
        if (tests.Length == 0)
        {
            // Nothing listed: "contains all" holds vacuously; "any of none" never does.
            return Expression.Constant(op == MembershipOperator.ContainsAll || op is MembershipOperator.NotIn or MembershipOperator.ContainsNone);
        }

        return op switch
        {
            MembershipOperator.ContainsAll => tests.Aggregate(Expression.AndAlso),
            MembershipOperator.NotIn or MembershipOperator.ContainsNone => Expression.Not(tests.Aggregate(Expression.OrElse)),
            _ => tests.Aggregate(Expression.OrElse),
        };
    }

    private static string FactOf(Condition condition) => condition switch
    {
        PresenceCondition p => p.Fact,
        ComparisonCondition c => c.Fact,
        RangeCondition r => r.Fact,
        MembershipCondition m => m.Fact,
        _ => throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}"),
    };
}
