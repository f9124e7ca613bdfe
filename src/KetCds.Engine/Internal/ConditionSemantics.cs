using System.Runtime.CompilerServices;

namespace KetCds.Engine.Internal;

/// <summary>
/// The meaning of each atomic test and of all/any/not, in one place, so the compiled matcher, its interpreter and the
/// why-not tracer always agree. Truths are 0 false, 1 unknown, 2 true (<see cref="Truth"/>): Kleene conjunction is
/// the minimum, disjunction the maximum, negation 2 - x.
/// </summary>
/// <remarks>
/// A missing input fact makes every test unknown except presence. A derived fact that is known not to be
/// derived behaves as a known absence: positive tests are false and negative tests are true.
/// </remarks>
internal static class ConditionSemantics
{
    private static readonly AtomVisitor Atoms = new();

    /// <summary>Kleene conjunction: false if either is false, true if both are true, else unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int And(int a, int b) => Math.Min(a, b);

    /// <summary>Kleene disjunction: true if either is true, false if both are false, else unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Or(int a, int b) => Math.Max(a, b);

    /// <summary>Kleene negation: unknown stays unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Not(int truth) => (int)Truth.True - truth;

    /// <summary>The truth of an empty junction, where folding its items starts: true for all, false for any.</summary>
    public static int Unit(bool any) => any ? (int)Truth.False : (int)Truth.True;

    /// <summary>Folds one more item into a junction's truth.</summary>
    public static int Join(bool any, int truth, int item) => any ? Or(truth, item) : And(truth, item);

    /// <summary>Whether a junction's truth so far is final whatever its other items: false decides an all, true an any.</summary>
    public static bool Decided(bool any, int truth) => truth == (any ? (int)Truth.True : (int)Truth.False);

    public static Truth Presence(FactStatus status, bool wantPresent) => status switch
    {
        FactStatus.Present => wantPresent ? Truth.True : Truth.False,
        FactStatus.Undecided => Truth.Unknown,
        _ => wantPresent ? Truth.False : Truth.True,
    };

    public static Truth Compare(FactStatus status, TypedValue? value, ComparisonOperator op, TypedValue literal)
    {
        if (status != FactStatus.Present)
        {
            return Absent(status, negative: op == ComparisonOperator.NotEqual);
        }

        var result = op switch
        {
            ComparisonOperator.Equal => value!.Equals(literal),
            ComparisonOperator.NotEqual => !value!.Equals(literal),
            ComparisonOperator.LessThan => value!.CompareTo(literal) < 0,
            ComparisonOperator.LessThanOrEqual => value!.CompareTo(literal) <= 0,
            ComparisonOperator.GreaterThan => value!.CompareTo(literal) > 0,
            _ => value!.CompareTo(literal) >= 0,
        };
        return result ? Truth.True : Truth.False;
    }

    public static Truth Range(FactStatus status, TypedValue? value, TypedValue? minimum, TypedValue? maximum)
    {
        if (status != FactStatus.Present)
        {
            return Absent(status, negative: false);
        }

        var inside = (minimum is null || value!.CompareTo(minimum) >= 0) && (maximum is null || value!.CompareTo(maximum) <= 0);
        return inside ? Truth.True : Truth.False;
    }

    public static Truth Membership(FactStatus status, TypedValue? value, MembershipOperator op, string[] symbols)
    {
        if (status != FactStatus.Present)
        {
            return Absent(status, negative: op is MembershipOperator.NotIn or MembershipOperator.ContainsNone);
        }

        bool result;
        switch (op)
        {
            case MembershipOperator.In:
            case MembershipOperator.ContainsAny:
                result = ContainsAny(value!, symbols);
                break;
            case MembershipOperator.NotIn:
            case MembershipOperator.ContainsNone:
                result = !ContainsAny(value!, symbols);
                break;
            default:
                result = true;
                foreach (var symbol in symbols)
                {
                    if (!value!.Contains(symbol))
                    {
                        result = false;
                        break;
                    }
                }

                break;
        }

        return result ? Truth.True : Truth.False;
    }

    /// <summary>The truth of an atomic (non-composite) condition over one fact's status and value.</summary>
    public static Truth Atom(Condition atom, FactStatus status, TypedValue? value) => Atoms.Visit(atom, (status, value));

    /// <summary>Kleene negation of a truth.</summary>
    public static Truth Not(Truth inner) => (Truth)Not((int)inner);

    /// <summary>Whether a test of this operator holds when the fact is known to be absent (a negative test).</summary>
    public static bool IsNegative(ComparisonOperator op) => op == ComparisonOperator.NotEqual;

    /// <summary>Whether a membership test holds when the fact is known to be absent (a negative test).</summary>
    public static bool IsNegative(MembershipOperator op) => op is MembershipOperator.NotIn or MembershipOperator.ContainsNone;

    private static Truth Absent(FactStatus status, bool negative) => status switch
    {
        FactStatus.NotDerived => negative ? Truth.True : Truth.False,
        _ => Truth.Unknown,
    };

    private static bool ContainsAny(TypedValue value, string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            if (value.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class AtomVisitor : ConditionVisitor<(FactStatus Status, TypedValue? Value), Truth>
    {
        protected override Truth VisitAll(AllCondition all, (FactStatus Status, TypedValue? Value) fact) => throw NotAnAtom(all);

        protected override Truth VisitAny(AnyCondition any, (FactStatus Status, TypedValue? Value) fact) => throw NotAnAtom(any);

        protected override Truth VisitNot(NotCondition not, (FactStatus Status, TypedValue? Value) fact) => throw NotAnAtom(not);

        protected override Truth VisitPresence(PresenceCondition presence, (FactStatus Status, TypedValue? Value) fact) => Presence(fact.Status, presence.Present);

        protected override Truth VisitComparison(ComparisonCondition comparison, (FactStatus Status, TypedValue? Value) fact) =>
            Compare(fact.Status, fact.Value, comparison.Operator, comparison.Value);

        protected override Truth VisitRange(RangeCondition range, (FactStatus Status, TypedValue? Value) fact) => Range(fact.Status, fact.Value, range.Minimum, range.Maximum);

        protected override Truth VisitMembership(MembershipCondition membership, (FactStatus Status, TypedValue? Value) fact) =>
            Membership(fact.Status, fact.Value, membership.Operator, [.. membership.Symbols]);

        private static InvalidOperationException NotAnAtom(Condition condition) => new($"{condition.GetType().Name} is not an atomic test");
    }
}
