using System.Linq.Expressions;
using NRules.RuleModel.Builders;

namespace KetCds.Engine.NRules.Internal;

/// <summary>
/// Compiles a three-valued condition into NRules patterns that match exactly when it is TRUE, or exactly when it is
/// FALSE; when it is unknown neither matches. Every atomic test becomes one pattern over the tested fact's working
/// item with its test as an expression tree; all/any/not become And/Or groups by De Morgan.
/// </summary>
internal sealed class ConditionEncoder(IReadOnlyDictionary<string, (FactOrigin Origin, int Stage)> facts, int ruleStage)
    : ConditionVisitor<(GroupBuilder Group, bool Wanted), GroupBuilder>
{
    private static readonly Expression PresentCondition = Expression.Constant(FactCondition.Present);
    private int _next;

    /// <summary>Adds to <paramref name="group"/> the patterns that match when <paramref name="condition"/> has the truth <paramref name="wanted"/>.</summary>
    public void Encode(GroupBuilder group, Condition condition, bool wanted) => Visit(condition, (group, wanted));

    protected override GroupBuilder VisitAll(AllCondition all, (GroupBuilder Group, bool Wanted) at) => Combine(at, all.Items, conjunctive: at.Wanted);

    protected override GroupBuilder VisitAny(AnyCondition any, (GroupBuilder Group, bool Wanted) at) => Combine(at, any.Items, conjunctive: !at.Wanted);

    protected override GroupBuilder VisitNot(NotCondition not, (GroupBuilder Group, bool Wanted) at) => Visit(not.Inner, (at.Group, !at.Wanted));

    // Presence is decided for missing inputs too: a missing input or a derived fact known not to be derived is absent.
    protected override GroupBuilder VisitPresence(PresenceCondition presence, (GroupBuilder Group, bool Wanted) at) =>
        Atom(at.Group, presence.Fact, (state, _) => presence.Present == at.Wanted
            ? Is(state, FactCondition.Present)
            : Expression.OrElse(Is(state, FactCondition.Missing), Is(state, FactCondition.NotDerived)));

    protected override GroupBuilder VisitComparison(ComparisonCondition comparison, (GroupBuilder Group, bool Wanted) at) =>
        Valued(at, comparison.Fact, comparison.Operator == ComparisonOperator.NotEqual, value => Compare(value, comparison.Operator, comparison.Value));

    protected override GroupBuilder VisitRange(RangeCondition range, (GroupBuilder Group, bool Wanted) at) =>
        Valued(at, range.Fact, negative: false, value => Range(value, range.Minimum, range.Maximum));

    protected override GroupBuilder VisitMembership(MembershipCondition membership, (GroupBuilder Group, bool Wanted) at) =>
        Valued(at, membership.Fact, membership.Operator is MembershipOperator.NotIn or MembershipOperator.ContainsNone, value => Membership(value, membership.Operator, membership.Symbols));

    private GroupBuilder Combine((GroupBuilder Group, bool Wanted) at, IEnumerable<Condition> items, bool conjunctive)
    {
        if (conjunctive)
        {
            foreach (var item in items)
            {
                Visit(item, at);
            }

            return at.Group;
        }

        var or = at.Group.Group(GroupType.Or);
        foreach (var item in items)
        {
            Visit(item, (or.Group(GroupType.And), at.Wanted));
        }

        return at.Group;
    }

    /// <summary>
    /// A test on a value, three-valued: a present fact decides it by value; a missing input or an undecided derived fact
    /// leaves it unknown (neither pattern matches); a derived fact known not to be derived makes positive tests false
    /// and negative tests (≠, not in, contains none) true.
    /// </summary>
    private GroupBuilder Valued((GroupBuilder Group, bool Wanted) at, string fact, bool negative, Func<Expression, Expression> test) =>
        Atom(at.Group, fact, (state, value) =>
        {
            var decided = Expression.AndAlso(Expression.Equal(state, PresentCondition), at.Wanted ? test(value) : Expression.Not(test(value)));
            return negative == at.Wanted ? Expression.OrElse(decided, Is(state, FactCondition.NotDerived)) : decided;
        });

    /// <summary>One pattern over the tested fact's working item; <paramref name="truth"/> builds its test from the item's state and value.</summary>
    private GroupBuilder Atom(GroupBuilder group, string fact, Func<Expression, Expression, Expression> truth)
    {
        var name = $"f{_next++}";
        var pattern = group.Pattern(typeof(WorkingFact), name);
        var item = Expression.Parameter(typeof(WorkingFact), name);
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(item, nameof(WorkingFact.Name)), Expression.Constant(fact)), item));

        // A derived fact of an earlier stage is read once settled; one of the rule's own (cyclic) stage as it grows.
        var (origin, stage) = facts[fact];
        if (origin == FactOrigin.Derived && stage != ruleStage)
        {
            pattern.Condition(Expression.Lambda(Expression.Property(item, nameof(WorkingFact.Settled)), item));
        }

        var test = truth(Expression.Property(item, nameof(WorkingFact.Condition)), Expression.Property(item, nameof(WorkingFact.Value)));
        pattern.Condition(Expression.Lambda(test, item));
        return group;
    }

    private static BinaryExpression Is(Expression state, FactCondition condition) => Expression.Equal(state, Expression.Constant(condition));

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
}
