namespace KetCds.Engine.Internal;

/// <summary>The traced truth of a condition with what blocked it.</summary>
/// <param name="Truth">The condition's truth.</param>
/// <param name="Blocking">The first sub-condition that was false (or, failing that, unknown); null when true.</param>
/// <param name="MissingInputs">Absent input facts inside the blocking part, when it is unknown.</param>
/// <param name="UnderivedFacts">Derived facts inside the blocking part that were not derived.</param>
internal sealed record ConditionTrace(Truth Truth, Condition? Blocking, SortedSet<string> MissingInputs, SortedSet<string> UnderivedFacts);
