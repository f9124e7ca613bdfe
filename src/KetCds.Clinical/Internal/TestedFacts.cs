using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Collects the facts a condition tests directly; false for a kind of condition it does not know (then nothing is promised).</summary>
internal sealed class TestedFacts : ConditionVisitor<HashSet<string>, bool>
{
    public static TestedFacts Instance { get; } = new();

    protected override bool VisitAll(AllCondition all, HashSet<string> context) => all.Items.All(item => Visit(item, context));

    protected override bool VisitAny(AnyCondition any, HashSet<string> context) => any.Items.All(item => Visit(item, context));

    protected override bool VisitNot(NotCondition not, HashSet<string> context) => Visit(not.Inner, context);

    protected override bool VisitAtom(Condition atom, string fact, HashSet<string> context) => context.Add(fact) || true;

    protected override bool VisitOther(Condition condition, HashSet<string> context) => false;
}
