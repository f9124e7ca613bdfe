using KetCds.Clinical;
using KetCds.Rules;

namespace KetCds.Engine.NRules.Tests;

/// <summary>The shipped rules loaded once, with one evaluator per engine over the same loaded version.</summary>
internal static class ShippedEngines
{
    private static readonly Lazy<LoadedRuleSet> Loaded = new(() =>
    {
        var load = RuleSetLoader.Load(RepositoryPaths.Rules);
        return load.RuleSet ?? throw new InvalidOperationException("the shipped rules do not load:\n" + string.Join("\n", load.Errors));
    });

    private static readonly Lazy<NRulesMatcher> Matcher = new(() => NRulesMatcher.Compile(Loaded.Value.Compiled));

    public static LoadedRuleSet RuleSet => Loaded.Value;

    public static NRulesMatcher NRules => Matcher.Value;

    public static ClinicalEvaluator KetCds { get; } = new(Loaded.Value);

    public static ClinicalEvaluator OnNRules { get; } = new(Loaded.Value, matcher: Matcher.Value);
}
