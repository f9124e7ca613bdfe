namespace KetCds.Engine;

/// <summary>Tests whether a fact is known (present) or not; never unknown itself.</summary>
/// <param name="Fact">The fact's name.</param>
/// <param name="Present">True to require the fact to be known; false to require it to be absent.</param>
public sealed record PresenceCondition(string Fact, bool Present) : Condition;
