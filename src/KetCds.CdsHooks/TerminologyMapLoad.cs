using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace KetCds.CdsHooks;

/// <summary>The outcome of loading a terminology directory: the map, or every problem that kept it from loading.</summary>
/// <param name="Map">The map; null when there were errors.</param>
/// <param name="Errors">Every problem found; empty when the map loaded.</param>
public sealed record TerminologyMapLoad(TerminologyMap? Map, ImmutableArray<TerminologyProblem> Errors)
{
    /// <summary>Whether the map loaded.</summary>
    [MemberNotNullWhen(true, nameof(Map))]
    public bool Succeeded => Map is not null;
}
