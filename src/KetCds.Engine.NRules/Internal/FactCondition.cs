namespace KetCds.Engine.NRules.Internal;

/// <summary>What is known about a fact in working memory; the four states the rule language distinguishes.</summary>
internal enum FactCondition : byte
{
    /// <summary>The fact has a value.</summary>
    Present,

    /// <summary>An input fact the caller did not supply: unknown.</summary>
    Missing,

    /// <summary>A derived fact that no rule derived while every producer was false: known not to hold.</summary>
    NotDerived,

    /// <summary>A derived fact left open because a producer was undecided: unknown.</summary>
    Undecided,
}
