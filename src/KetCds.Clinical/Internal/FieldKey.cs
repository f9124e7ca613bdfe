namespace KetCds.Clinical.Internal;

/// <summary>
/// The <see cref="MissingDataCache"/> key of a field with at most one missing fact, for rule sets of at most 128 rules
/// (nearly every field of every call): a value the dictionary hashes and compares inline, where the span key of
/// <see cref="IndexedMissingData"/> goes through a comparer's calls.
/// </summary>
/// <param name="Field">The field's index in <see cref="FactNames.SortedFields"/>.</param>
/// <param name="Fact">The missing fact's index, or -1 when the field has requests only.</param>
/// <param name="Rules0">Rules 0-63 the fact would decide.</param>
/// <param name="Rules1">Rules 64-127 the fact would decide.</param>
/// <param name="Requests0">Fired rules 0-63 requesting one of the field's facts.</param>
/// <param name="Requests1">Fired rules 64-127 requesting one of the field's facts.</param>
internal readonly record struct FieldKey(int Field, int Fact, ulong Rules0, ulong Rules1, ulong Requests0, ulong Requests1);
