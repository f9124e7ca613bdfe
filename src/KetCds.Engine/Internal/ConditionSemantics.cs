namespace KetCds.Engine.Internal;

/// <summary>
/// The meaning of each atomic test, in one place, so the compiled matcher and the why-not tracer always agree.
/// </summary>
/// <remarks>
/// A missing input fact makes every test unknown except presence. A derived fact that is known not to be
/// derived behaves as a known absence: positive tests are false and negative tests are true.
/// </remarks>
internal static class ConditionSemantics
{
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
    public static Truth Atom(Condition atom, FactStatus status, TypedValue? value) => atom switch
    {
        PresenceCondition p => Presence(status, p.Present),
        ComparisonCondition c => Compare(status, value, c.Operator, c.Value),
        RangeCondition r => Range(status, value, r.Minimum, r.Maximum),
        MembershipCondition m => Membership(status, value, m.Operator, [.. m.Symbols]),
        _ => throw new InvalidOperationException($"unsupported condition {atom.GetType().Name}"),
    };

    /// <summary>The fact an atomic condition tests.</summary>
    public static string FactOf(Condition atom) => atom switch
    {
        PresenceCondition p => p.Fact,
        ComparisonCondition c => c.Fact,
        RangeCondition r => r.Fact,
        MembershipCondition m => m.Fact,
        _ => throw new InvalidOperationException($"unsupported condition {atom.GetType().Name}"),
    };

    public static Truth Not(Truth inner) => (Truth)(2 - (int)inner);

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
}
