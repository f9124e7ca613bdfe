using KetCds.Engine;

namespace KetCds.Cli.Internal.Explain;

/// <summary>Which facts a condition tests, walked over the engine's public condition model.</summary>
internal static class ConditionFacts
{
    public static bool Mentions(Condition condition, string fact) => condition switch
    {
        AllCondition all => all.Items.Any(c => Mentions(c, fact)),
        AnyCondition any => any.Items.Any(c => Mentions(c, fact)),
        NotCondition not => Mentions(not.Inner, fact),
        ComparisonCondition c => Is(c.Fact, fact),
        PresenceCondition p => Is(p.Fact, fact),
        MembershipCondition m => Is(m.Fact, fact),
        RangeCondition r => Is(r.Fact, fact),
        _ => false,
    };

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
