namespace KetCds.Clinical.Internal;

/// <summary>A data request of a rule, resolved once per rule-set version: the requested input fact by index and its field.</summary>
/// <param name="Fact">The input fact's index (the engine's <c>InputFact.Index</c>).</param>
/// <param name="Field">Its field's index in <see cref="FactNames.SortedFields"/>.</param>
/// <param name="Reason">Why the rule asks for it.</param>
/// <param name="Position">Its place among the rule's requests as written.</param>
internal readonly record struct RequestShape(int Fact, int Field, string Reason, int Position);
