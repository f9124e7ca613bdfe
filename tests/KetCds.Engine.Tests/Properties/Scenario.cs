namespace KetCds.Engine.Tests.Properties;

/// <summary>A random rule set with a random case; printed by seed and size so a failure can be replayed.</summary>
/// <param name="Seed">The seed the scenario was built from.</param>
/// <param name="Size">The size it was built at.</param>
/// <param name="Model">The rule-set model.</param>
/// <param name="Facts">The case's input facts, in generated order.</param>
public sealed record Scenario(int Seed, int Size, RuleSetModel Model, IReadOnlyList<KeyValuePair<string, TypedValue>> Facts)
{
    public override string ToString() => $"ScenarioFactory.Create(seed: {Seed}, size: {Size}) [{Model.Rules.Length} rules, {Facts.Count} facts]";
}
