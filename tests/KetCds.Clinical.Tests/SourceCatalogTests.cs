using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Tests;

/// <summary>Knowledge coverage: every claim is encoded or says why not, every statement is cited, every citation points at real text.</summary>
public sealed class SourceCatalogTests
{
    private static readonly string[] DurationTopics = ["duration", "evidence-quality"];

    private static LoadedRuleSet RuleSet => ShippedRuleSet.Evaluator.RuleSet;

    [Fact]
    public void Claims_EveryClaim_IsCitedOrHasNotEncodedReasonButNotBoth()
    {
        var ruleSet = RuleSet;
        var problems = new List<string>();
        foreach (var claim in ruleSet.Catalog.Claims)
        {
            var citedBy = ruleSet.RulesCiting(claim.Id);
            if (citedBy.IsEmpty && string.IsNullOrWhiteSpace(claim.NotEncoded))
            {
                problems.Add($"{claim.Id}: neither cited by a rule nor marked not_encoded");
            }
            else if (!citedBy.IsEmpty && claim.NotEncoded is not null)
            {
                problems.Add($"{claim.Id}: marked not_encoded but cited by {string.Join(", ", citedBy)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(ruleSet.Catalog.Claims);
    }

    [Fact]
    public void Rules_EveryEmittingRule_CitesAtLeastOneClaim()
    {
        var uncited = RuleSet.Compiled.Model.Rules
            .Where(r => r.Then.OfType<EmitAction>().Any() && r.Citations.IsDefaultOrEmpty)
            .Select(r => r.Id)
            .ToList();

        Assert.True(uncited.Count == 0, "rules that emit a recommendation, risk, alert or finding without citing a claim:\n" + string.Join("\n", uncited));
    }

    [Fact]
    public void Rules_EveryCitation_ResolvesToACatalogClaim()
    {
        var ruleSet = RuleSet;
        var unresolved = ruleSet.Compiled.Model.Rules
            .SelectMany(r => r.Citations.Where(c => ruleSet.Catalog.FindClaim(c) is null).Select(c => $"{r.Id} cites unknown claim {c}"))
            .ToList();

        Assert.True(unresolved.Count == 0, string.Join("\n", unresolved));
    }

    [Fact]
    public void ReliefRules_EachEstimate_IsAttributedToOneDurationClaimOfOneSource()
    {
        // The estimate takes its claim from the rule's first citation; the other citations may only support it from
        // the same document, so the estimate's source is never ambiguous.
        var ruleSet = RuleSet;
        var problems = new List<string>();
        var reliefRules = ruleSet.Compiled.Model.Rules
            .Where(r => r.Then.OfType<EmitAction>().Any(e => e.Code.StartsWith("relief.", StringComparison.Ordinal)))
            .ToList();
        foreach (var rule in reliefRules)
        {
            var claims = rule.Citations.Select(c => ruleSet.Catalog.FindClaim(c)).ToList();
            if (claims.Count == 0 || claims[0] is not { } primary)
            {
                problems.Add($"{rule.Id}: no primary claim");
                continue;
            }

            if (!DurationTopics.Contains(primary.Topic, StringComparer.Ordinal))
            {
                problems.Add($"{rule.Id}: primary claim {primary.Id} is about '{primary.Topic}', not a duration");
            }

            if (claims.Any(c => c is null || !string.Equals(c.DocumentId, primary.DocumentId, StringComparison.Ordinal)))
            {
                problems.Add($"{rule.Id}: cites claims of more than one document, so the estimate's source is ambiguous");
            }
        }

        Assert.True(reliefRules.Count >= 10, $"only {reliefRules.Count} relief-estimate rules found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SeedsFact]
    public void VerifyLocators_SourceDocuments_HaveNoProblems()
    {
        var problems = RuleSet.VerifyLocators(RepositoryPaths.Seeds);

        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    [SeedsFact]
    public void ProjectFiles_NoSourceSentence_IsCopied()
    {
        var documents = Directory.EnumerateFiles(RepositoryPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(documents);
        var shingles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var shingle in SourceText.DocumentShingles(File.ReadAllText(document)))
            {
                shingles.TryAdd(shingle, Path.GetFileName(document));
            }
        }

        var problems = new List<string>();
        var scanned = 0;
        foreach (var file in SourceText.ProjectFiles(RepositoryPaths.Root))
        {
            scanned++;
            var text = SourceText.WithoutLocators(file, File.ReadAllText(file));
            var copied = SourceText.Shingles(text).Where(shingles.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            problems.AddRange(copied.Select(c => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: \"{c}\" is copied from {shingles[c]}"));
        }

        Assert.True(scanned > 50, $"only {scanned} project files were scanned");
        Assert.True(problems.Count == 0, "runs of 8 or more words copied from the source documents:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Shingles_CopiedSentence_IsDetectedDespiteCaseAndWhitespace()
    {
        // Guards the copy detector itself, so the scan above cannot pass by matching nothing.
        var source = SourceText.Shingles("Intranasal and oral ketamine provide fast-acting but short-lived pain relief.").ToHashSet(StringComparer.Ordinal);
        var copy = SourceText.Shingles("note: INTRANASAL and oral   ketamine\n provide fast-acting but short-lived relief").ToList();
        var paraphrase = SourceText.Shingles("Nasal or oral ketamine acts quickly, yet its relief is brief.").ToList();

        Assert.Contains(copy, source.Contains);
        Assert.DoesNotContain(paraphrase, source.Contains);
    }
}
