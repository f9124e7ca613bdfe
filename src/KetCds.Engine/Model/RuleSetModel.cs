using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>A whole rule set as authored: its vocabulary and its rules. The input to <see cref="RuleSetCompiler"/>.</summary>
/// <param name="Name">The rule set's name.</param>
/// <param name="Version">The version its authors declared.</param>
/// <param name="Facts">The vocabulary.</param>
/// <param name="Rules">The rules; their order does not matter.</param>
public sealed record RuleSetModel(string Name, string Version, ImmutableArray<FactDefinition> Facts, ImmutableArray<Rule> Rules);
