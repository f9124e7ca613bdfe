namespace KetCds.Engine.Internal;

/// <summary>
/// The one traversal of the condition model (after NRules' <c>RuleElementVisitor&lt;TContext&gt;</c>): a single
/// dispatch on the kind of node, one method per kind. Atoms default to <see cref="VisitAtom"/>, so a walker that treats
/// every test alike overrides that alone. The compiler, the tracer, the fact collectors, the canonical writer and the
/// validator are all visitors, so a new kind of condition is added in one place and each walker is told by the compiler.
/// </summary>
/// <typeparam name="TContext">What the walk carries down (state, polarity, a builder).</typeparam>
/// <typeparam name="TResult">What each node answers.</typeparam>
internal abstract class ConditionVisitor<TContext, TResult>
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

    protected abstract TResult VisitAll(AllCondition all, TContext context);

    protected abstract TResult VisitAny(AnyCondition any, TContext context);

    protected abstract TResult VisitNot(NotCondition not, TContext context);

    protected virtual TResult VisitPresence(PresenceCondition presence, TContext context) => VisitAtom(presence, presence.Fact, context);

    protected virtual TResult VisitComparison(ComparisonCondition comparison, TContext context) => VisitAtom(comparison, comparison.Fact, context);

    protected virtual TResult VisitRange(RangeCondition range, TContext context) => VisitAtom(range, range.Fact, context);

    protected virtual TResult VisitMembership(MembershipCondition membership, TContext context) => VisitAtom(membership, membership.Fact, context);

    /// <summary>Any atomic test on <paramref name="fact"/>, unless its kind's method is overridden.</summary>
    protected virtual TResult VisitAtom(Condition atom, string fact, TContext context) =>
        throw new InvalidOperationException($"unsupported condition {atom.GetType().Name}");

    /// <summary>A kind of condition this engine does not know (only a model that was never validated holds one).</summary>
    protected virtual TResult VisitOther(Condition condition, TContext context) =>
        throw new InvalidOperationException($"unsupported condition {condition.GetType().Name}");
}
