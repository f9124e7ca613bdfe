namespace KetCds.Engine;

/// <summary>Compares a fact with a literal value of the fact's type.</summary>
/// <param name="Fact">The fact's name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The literal.</param>
public sealed record ComparisonCondition(string Fact, ComparisonOperator Operator, TypedValue Value) : Condition;
