using System.Collections;
using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>An immutable set of input facts, by name. Order of addition does not matter.</summary>
public sealed class FactSet : IReadOnlyCollection<KeyValuePair<string, TypedValue>>
{
    private readonly ImmutableArray<KeyValuePair<string, TypedValue>> _facts;

    private FactSet(ImmutableArray<KeyValuePair<string, TypedValue>> facts) => _facts = facts;

    /// <summary>An empty fact set.</summary>
    public static FactSet Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _facts.Length;

    /// <summary>The facts sorted by name, for iterating without an enumerator allocation.</summary>
    internal ImmutableArray<KeyValuePair<string, TypedValue>> Items => _facts;

    /// <summary>Creates a fact set from name/value pairs; a name given twice is an error.</summary>
    public static FactSet From(IEnumerable<KeyValuePair<string, TypedValue>> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var array = facts.ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sorted = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(array);
        foreach (var fact in sorted)
        {
            if (string.IsNullOrWhiteSpace(fact.Key) || fact.Value is null)
            {
                throw new ArgumentException(fact.Value is null ? $"fact '{fact.Key}' has no value" : "a fact has no name", nameof(facts));
            }
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i].Key, sorted[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"fact '{sorted[i].Key}' is given more than once", nameof(facts));
            }
        }

        return new FactSet(sorted);
    }

    /// <summary>Creates a fact set from a dictionary.</summary>
    public static FactSet From(IReadOnlyDictionary<string, TypedValue> facts) => From((IEnumerable<KeyValuePair<string, TypedValue>>)facts);

    /// <summary>Returns a copy with one fact added or replaced.</summary>
    public FactSet With(string name, TypedValue value) =>
        From(_facts.Where(f => !string.Equals(f.Key, name, StringComparison.Ordinal)).Append(new(name, value)));

    /// <summary>Returns a copy without the named fact.</summary>
    public FactSet Without(string name) =>
        new(_facts.Where(f => !string.Equals(f.Key, name, StringComparison.Ordinal)).ToImmutableArray());

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TypedValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TypedValue>>)_facts).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
