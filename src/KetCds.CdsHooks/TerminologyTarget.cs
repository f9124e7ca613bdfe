namespace KetCds.CdsHooks;

/// <summary>What a source code means for the patient facts: a kind (condition, medication, ...) and a value of that kind.</summary>
/// <param name="Kind">The target kind, e.g. <c>condition</c>, <c>history</c>, <c>medication</c>.</param>
/// <param name="Value">The contract value or field name the code maps to, e.g. <c>PAIN_CONDITION_FIBROMYALGIA</c>.</param>
public sealed record TerminologyTarget(string Kind, string Value)
{
    /// <summary>The target as written in the map, <c>kind:value</c>.</summary>
    public override string ToString() => $"{Kind}:{Value}";
}
