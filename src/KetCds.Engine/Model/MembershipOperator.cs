namespace KetCds.Engine;

/// <summary>How a <see cref="MembershipCondition"/> relates a fact to its list of symbols.</summary>
public enum MembershipOperator
{
    /// <summary>An enum fact's value is one of the symbols.</summary>
    In,

    /// <summary>An enum fact's value is none of the symbols.</summary>
    NotIn,

    /// <summary>An enum-set fact contains at least one of the symbols.</summary>
    ContainsAny,

    /// <summary>An enum-set fact contains every one of the symbols.</summary>
    ContainsAll,

    /// <summary>An enum-set fact contains none of the symbols.</summary>
    ContainsNone,
}
