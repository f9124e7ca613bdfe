using System.Collections.Immutable;
using KetCds.Clinical.Regression;

namespace KetCds.Cli.Internal.Diff;

/// <summary>One readable change of a case's decision, with the raw changes it stands for.</summary>
/// <param name="Category">What kind of thing changed: Eligibility, Route, Relief range, Risk, Missing data, …</param>
/// <param name="Text">The change in words a clinical reviewer reads.</param>
/// <param name="Changes">The underlying decision changes (paths and JSON values).</param>
internal sealed record DiffEntry(string Category, string Text, ImmutableArray<DecisionChange> Changes);
