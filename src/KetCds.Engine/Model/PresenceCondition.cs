namespace KetCds.Engine;

/// <summary>
/// Tests whether a fact has a value (<c>known</c>) or not (<c>absent</c>). Never unknown on an input fact or on a derived
/// fact that was decided; unknown on a derived fact left undecided by missing data, like every other test of it.
/// </summary>
/// <param name="Fact">The fact's name.</param>
/// <param name="Present">True to require the fact to be known; false to require it to be absent.</param>
public sealed record PresenceCondition(string Fact, bool Present) : Condition;
