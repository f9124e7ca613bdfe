using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>Tests an enum or enum-set fact against a list of symbols.</summary>
/// <param name="Fact">The fact's name.</param>
/// <param name="Operator">How the fact relates to the symbols.</param>
/// <param name="Symbols">The symbols.</param>
public sealed record MembershipCondition(string Fact, MembershipOperator Operator, ImmutableArray<string> Symbols) : Condition;
