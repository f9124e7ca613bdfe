namespace KetCds.Engine;

/// <summary>
/// The one traversal of the condition model (after NRules' <c>RuleElementVisitor&lt;TContext&gt;</c>): a single
/// dispatch on the kind of node, one method per kind. Atoms default to <see cref="VisitAtom"/>, so a walker that treats
/// every test alike overrides that alone. The engine's compiler, tracer, fact collectors, canonical writer and validator,
/// the NRules adapter and the CLI's plain-words renderer are all visitors, so a new kind of condition is added in one
/// place and each walker is told by the compiler.
/// </summary>
/// <typeparam name="TContext">What the walk carries down (state, polarity, a builder).</typeparam>
/// <typeparam name="TResult">What each node answers.</typeparam>
public abstract class ConditionVisitor<TContext, TResult>
{
    /// <summary>Dispatches <paramref name="condition"/> to the method for its kind.</summary>
    public TResult Visit(Condition condition, TContext context) => condition switch
    {
        AllCondition all => VisitAll(all, context),
        AnyCondition any => VisitAny(any, context),
        NotCondition not => VisitNot(not, context),
        PresenceCondition presence => VisitPresence(presence, context),
        ComparisonCondition comparison => VisitComparison(comparison, context),
        RangeCondition range => VisitRange(range, context),
        MembershipCondition membership => VisitMembership(membership, context),
        _ => VisitOther(condition, context),
    };

    /// <summary>A conjunction; visit its items with <see cref="Visit"/> to descend.</summary>
    protected abstract TResult VisitAll(AllCondition all, TContext context);

    /// <summary>A disjunction; visit its items with <see cref="Visit"/> to descend.</summary>
    protected abstract TResult VisitAny(AnyCondition any, TContext context);

    /// <summary>A negation; visit its inner condition with <see cref="Visit"/> to descend.</summary>
    protected abstract TResult VisitNot(NotCondition not, TContext context);

    /// <summary>A <c>known</c>/<c>absent</c> test; <see cref="VisitAtom"/> unless overridden.</summary>
    protected virtual TResult VisitPresence(PresenceCondition presence, TContext context) => VisitAtom(presence, presence.Fact, context);

    /// <summary>A comparison with a literal; <see cref="VisitAtom"/> unless overridden.</summary>
    protected virtual TResult VisitComparison(ComparisonCondition comparison, TContext context) => VisitAtom(comparison, comparison.Fact, context);

    /// <summary>A closed range test; <see cref="VisitAtom"/> unless overridden.</summary>
    protected virtual TResult VisitRange(RangeCondition range, TContext context) => VisitAtom(range, range.Fact, context);

    /// <summary>A set membership test; <see cref="VisitAtom"/> unless overridden.</summary>
    protected virtual TResult VisitMembership(MembershipCondition membership, TContext context) => VisitAtom(membership, membership.Fact, context);

    /// <summary>Any atomic test on <paramref name="fact"/>, unless its kind's method is overridden.</summary>
    protected virtual TResult VisitAtom(Condition atom, string fact, TContext context) =>
        throw new InvalidOperationException($"unsupported condition {atom?.GetType().Name}");

    /// <summary>A kind of condition this engine does not know (only a model that was never validated holds one).</summary>
    protected virtual TResult VisitOther(Condition condition, TContext context) =>
        throw new InvalidOperationException($"unsupported condition {condition?.GetType().Name}");
}
