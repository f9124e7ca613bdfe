using System.Collections.Frozen;
using System.Collections.Immutable;

namespace KetCds.CdsHooks;

/// <summary>
/// The loaded terminology map: which SNOMED CT, ICD-10-CM, RxNorm, LOINC (and KetCds-local) codes mean which patient
/// facts. Immutable; a reload makes a new one.
/// </summary>
public sealed class TerminologyMap
{
    private readonly FrozenDictionary<(string System, string Code), ImmutableArray<TerminologyTarget>> _targets;

    internal TerminologyMap(string name, string version, string fingerprint, IEnumerable<KeyValuePair<(string System, string Code), ImmutableArray<TerminologyTarget>>> targets)
    {
        Name = name;
        Version = version;
        Fingerprint = fingerprint;
        _targets = targets.ToFrozenDictionary();
        Codes = [.. _targets.Keys.OrderBy(k => k.System, StringComparer.Ordinal).ThenBy(k => k.Code, StringComparer.Ordinal)];
    }

    /// <summary>The map's name (ConceptMap.name).</summary>
    public string Name { get; }

    /// <summary>The map's version (ConceptMap.version), named in every hook answer.</summary>
    public string Version { get; }

    /// <summary>SHA-256 of the map files, to tell two loads apart.</summary>
    public string Fingerprint { get; }

    /// <summary>Every mapped source code, ordered by system then code.</summary>
    public ImmutableArray<(string System, string Code)> Codes { get; }

    /// <summary>The targets of a source code; empty when the code is not in the map.</summary>
    public ImmutableArray<TerminologyTarget> Lookup(string? system, string? code) =>
        system is not null && code is not null && _targets.TryGetValue((system, code), out var found) ? found : [];

    /// <summary>Every source code of <paramref name="system"/> that maps to a target of <paramref name="kind"/> with one of <paramref name="values"/>.</summary>
    public IEnumerable<string> CodesFor(string system, string kind, params string[] values) =>
        Codes.Where(c => string.Equals(c.System, system, StringComparison.Ordinal)
                && _targets[c].Any(t => string.Equals(t.Kind, kind, StringComparison.Ordinal) && values.Contains(t.Value, StringComparer.Ordinal)))
            .Select(c => c.Code);
}
