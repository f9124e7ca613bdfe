using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>The rule set's manifest, <c>ruleset.yaml</c>.</summary>
/// <param name="Name">The rule set's name.</param>
/// <param name="Version">The version its authors declared.</param>
/// <param name="Description">What the rule set is for, in plain language.</param>
/// <param name="Location">Where the manifest begins.</param>
public sealed record RuleSetManifest(string Name, string Version, string Description, SourceLocation Location);
