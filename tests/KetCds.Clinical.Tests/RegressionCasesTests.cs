using KetCds.Clinical.Regression;
using KetCds.Engine;
using Xunit.Abstractions;

namespace KetCds.Clinical.Tests;

/// <summary>Replays the clinical regression suite under tests/cases: every case must still decide as its reviewer expected.</summary>
public sealed class RegressionCasesTests(ITestOutputHelper output)
{
    /// <summary>One row per case file, named by its path under tests/cases so each case is its own test.</summary>
    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Cases, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Cases, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Run_Case_DecidesAsExpected(string caseFile)
    {
        var file = Path.Combine(RepositoryPaths.Cases, caseFile);
        var (loaded, error) = RegressionCaseFile.Load(file);
        Assert.True(loaded is not null, error);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), loaded.Id);

        var run = RegressionRunner.Run(ShippedRuleSet.Evaluator, loaded, file);

        Assert.True(run.Passed, $"{caseFile} ({loaded.Title}) decides differently now:\n" + string.Join("\n", run.Changes));
    }

    [Fact]
    public void LoadDirectory_Suite_LoadsWithoutErrorsAndHasEnoughCases()
    {
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);

        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.True(cases.Length >= 60, $"the suite has {cases.Length} cases; at least 60 are required");
        Assert.Contains(cases, c => c.Case.ExpectationCase == Contracts.V1.RegressionCase.ExpectationOneofCase.Rejected);
    }

    [Fact]
    public void RuleCoverage_ToldByTheEngine_SameCountsAsAskingEveryResultAboutEveryRule()
    {
        var coverage = new RuleCoverage(ShippedRuleSet.Evaluator.RuleSet.Compiled);
        var listening = ShippedRuleSet.Evaluator.WithListener(coverage);
        var expected = ShippedRuleSet.Evaluator.RuleSet.Compiled.Model.Rules.ToDictionary(r => r.Id, _ => (Fired: 0, False: 0, Unknown: 0), StringComparer.Ordinal);
        var (cases, _) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        foreach (var (_, regressionCase) in cases)
        {
            var evaluation = listening.Evaluate(regressionCase.Request);
            if (!evaluation.IsValid)
            {
                continue;
            }

            foreach (var id in expected.Keys.ToArray())
            {
                var (t, f, u) = expected[id];
                expected[id] = evaluation.Engine.RuleResult(id) switch
                {
                    Truth.True => (t + 1, f, u),
                    Truth.False => (t, f + 1, u),
                    _ => (t, f, u + 1),
                };
            }
        }

        Assert.Equal(
            expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Fired, p.Value.False, p.Value.Unknown)),
            coverage.Entries.Select(e => (e.RuleId, e.Fired, e.False, e.Unknown)));
        Assert.Contains(coverage.Entries, e => e.False > 0);
        Assert.Contains(coverage.Entries, e => e.Unknown > 0);
    }

    [Fact]
    public void RuleCoverage_AllCases_FireEveryRule()
    {
        // A rule that no case exercises fails the build: its behaviour would be unchecked.
        var coverage = new RuleCoverage(ShippedRuleSet.Evaluator.RuleSet.Compiled);
        var evaluator = ShippedRuleSet.Evaluator.WithListener(coverage);
        var (cases, errors) = RegressionCaseFile.LoadDirectory(RepositoryPaths.Cases);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        foreach (var (_, regressionCase) in cases)
        {
            evaluator.Evaluate(regressionCase.Request);
        }

        var entries = coverage.Entries;
        var fired = entries.Count(e => e.Fired > 0);
        var bothWays = entries.Count(e => e.BothWays);
        output.WriteLine($"rule coverage: {fired}/{entries.Length} rules fired by {cases.Length} cases; {bothWays}/{entries.Length} seen both firing and not firing");
        foreach (var entry in entries.Where(e => !e.BothWays))
        {
            output.WriteLine($"  always {(entry.Fired > 0 ? "fires" : "silent")}: {entry.RuleId}");
        }

        Assert.True(coverage.Uncovered.IsEmpty, "rules no regression case fires:\n" + string.Join("\n", coverage.Uncovered));
        // Decision coverage: a rule no case leaves silent has an untested condition (it might fire for everyone).
        Assert.True(bothWays == entries.Length, "rules no regression case leaves silent:\n" + string.Join("\n", entries.Where(e => !e.BothWays && e.Fired > 0).Select(e => e.RuleId)));
    }
}
