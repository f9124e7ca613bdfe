using KetCds.Cli.Internal.Generate;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The shipped rules with the patients every shipped-rule benchmark cycles through: every regression case under
/// tests/cases that passes validation, then valid patients from the generator behind 'ketcds generate-cases' (seed 1).
/// </summary>
public sealed class ShippedPatients
{
    /// <summary>How many generated patients are added to the regression cases.</summary>
    public const int Generated = 356;

    private ShippedPatients(ClinicalEvaluator evaluator, EvaluateRequest[] requests, FactSet[] facts, int regression)
    {
        Evaluator = evaluator;
        Requests = requests;
        Facts = facts;
        RegressionCount = regression;
        Bound = [.. facts.Select(f => RuleSet.Bind(f))];
    }

    /// <summary>The evaluator over rules/.</summary>
    public ClinicalEvaluator Evaluator { get; }

    /// <summary>The compiled shipped rule set.</summary>
    public CompiledRuleSet RuleSet => Evaluator.RuleSet.Compiled;

    /// <summary>The requests, regression cases first.</summary>
    public EvaluateRequest[] Requests { get; }

    /// <summary>The engine input of each request.</summary>
    public FactSet[] Facts { get; }

    /// <summary>The same, bound to the rule set.</summary>
    public BoundFacts[] Bound { get; }

    /// <summary>How many of the patients are regression cases.</summary>
    public int RegressionCount { get; }

    /// <summary>Loads rules/ and builds the patients.</summary>
    public static ShippedPatients Load()
    {
        var root = FindRoot();
        var (evaluator, load) = ClinicalEvaluator.FromDirectory(Path.Combine(root, "rules"));
        if (evaluator is null)
        {
            throw new InvalidOperationException(string.Join("\n", load.Errors));
        }

        var (cases, errors) = RegressionCaseFile.LoadDirectory(Path.Combine(root, "tests", "cases"));
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException(string.Join("\n", errors));
        }

        var requests = new List<EvaluateRequest>();
        var facts = new List<FactSet>();
        void Add(EvaluateRequest request)
        {
            if (evaluator.Evaluate(request).Engine is { } engine)
            {
                requests.Add(request);
                facts.Add(InputsOf(evaluator.RuleSet.Compiled, engine));
            }
        }

        foreach (var (_, regression) in cases)
        {
            if (regression.Request is { } request)
            {
                Add(request);
            }
        }

        var regressionCount = requests.Count;
        for (var i = 0; requests.Count < regressionCount + Generated; i++)
        {
            Add(PatientGenerator.Valid(new SplitMix64(unchecked(0x9E3779B97F4A7C15UL ^ (ulong)i)), $"gen-{i}"));
        }

        return new ShippedPatients(evaluator, [.. requests], [.. facts], regressionCount);
    }

    /// <summary>Finds the repository root (the folder holding KetCds.sln) above the running benchmark.</summary>
    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetCds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KetCds.sln not found above " + AppContext.BaseDirectory);
    }

    private static FactSet InputsOf(CompiledRuleSet ruleSet, RuleSetEvaluation engine) =>
        FactSet.From(ruleSet.Model.Facts
            .Where(f => f.Origin == FactOrigin.Input)
            .Select(f => (f.Name, Value: engine.GetFact(f.Name)))
            .Where(x => x.Value is not null)
            .Select(x => new KeyValuePair<string, TypedValue>(x.Name, x.Value!)));
}
