using KetCds.Rules;

namespace KetCds.Clinical.Tests;

/// <summary>The shipped rules/ loaded once per test run; loading is deterministic so sharing it is safe.</summary>
internal static class ShippedRuleSet
{
    private static readonly Lazy<RuleSetLoadResult> Loaded = new(() => RuleSetLoader.Load(RepositoryPaths.Rules));

    public static RuleSetLoadResult Load => Loaded.Value;

    public static ClinicalEvaluator Evaluator => new(Load.RuleSet ?? throw new InvalidOperationException(
        "the shipped rules do not load:\n" + string.Join("\n", Load.Errors)));
}
