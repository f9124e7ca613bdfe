using KetCds.Clinical;
using KetCds.Engine.NRules;
using KetCds.Rules;

namespace KetCds.Cli.Internal.Common;

/// <summary>Builds the evaluator for the engine chosen with <c>--engine</c>.</summary>
internal static class EngineChoice
{
    public const string KetCds = "ketcds";
    public const string NRules = "nrules";

    public static ClinicalEvaluator Evaluator(LoadedRuleSet ruleSet, string engine) =>
        engine == NRules ? new ClinicalEvaluator(ruleSet, matcher: NRulesMatcher.Compile(ruleSet.Compiled)) : new ClinicalEvaluator(ruleSet);

    /// <summary>The rule-set label, naming the engine only when it is not the default, so default output is unchanged.</summary>
    public static string Label(ClinicalEvaluator evaluator) =>
        RuleSetInput.Label(evaluator.RuleSet) + (evaluator.EngineName == KetCds ? string.Empty : $" on {evaluator.EngineName}");
}
