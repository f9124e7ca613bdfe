using FsCheck;
using FsCheck.Xunit;
using KetCds.Engine;

namespace KetCds.Rules.Tests.Internal;

public partial class LoadPipelineTests
{
    private static readonly string[] RuleFiles = ["eligibility/chronic.yaml", "severity.yaml", "risks.yaml"];

    private static readonly FactSet[] Cases =
    [
        Facts(("pain_duration", TypedValue.Duration(6, DurationUnit.Months)), ("failed_treatments", TypedValue.Integer(3)), ("conditions", TypedValue.EnumSet(["crps"])), ("bladder_problems", TypedValue.False)),
        Facts(("pain_duration", TypedValue.Duration(6, DurationUnit.Months)), ("failed_treatments", TypedValue.Integer(3)), ("bladder_problems", TypedValue.True), ("pain_score", TypedValue.Integer(9))),
        Facts(("care_goal", TypedValue.Enum("maintenance")), ("last_infusion", TypedValue.Date(new DateOnly(2025, 3, 1))), ("weight_kg", TypedValue.Decimal(80m)), ("conditions", TypedValue.EnumSet(["crps"])), ("pain_score", TypedValue.Integer(4)), ("pain_duration", TypedValue.Duration(2, DurationUnit.Years))),
        FactSet.Empty,
    ];

    /// <summary>Any order of the rules and any split of them over files and folders is the same rule set.</summary>
    [Property(MaxTest = 30)]
    public void Load_RulesShuffledAcrossFiles_SameIdentityAndSameAnswers(DoNotSize<int> seed)
    {
        using var original = TempRuleSet.Copy();
        using var shuffled = TempRuleSet.Copy();
        var random = new Random(seed.Item);
        var blocks = RuleFiles.SelectMany(f => RuleBlocks(shuffled.Read(f))).OrderBy(_ => random.Next()).ToList();
        foreach (var file in RuleFiles)
        {
            shuffled.Delete(file);
        }

        var files = random.Next(1, 5);
        var names = Enumerable.Range(0, files).Select(i => (random.Next(2) == 0 ? "sub/" : string.Empty) + $"part-{random.Next(1000)}-{i}.yaml").ToArray();
        var contents = names.Select(_ => new List<string>()).ToArray();
        foreach (var block in blocks)
        {
            contents[random.Next(files)].Add(block);
        }

        for (var i = 0; i < files; i++)
        {
            shuffled.Write(names[i], contents[i].Count == 0 ? "rules: []\n" : "rules:\n" + string.Concat(contents[i]));
        }

        var expected = original.Load().RuleSet!;
        var actual = shuffled.Load();
        Assert.Empty(shuffled.Render(actual.Errors));
        Assert.Equal(expected.Identity, actual.RuleSet!.Identity);
        foreach (var facts in Cases)
        {
            Assert.Equal(Answer(expected.Compiled.Evaluate(facts)), Answer(actual.RuleSet.Compiled.Evaluate(facts)));
        }
    }

    /// <summary>Whatever damage a file takes, loading reports positioned errors and never throws or half-loads.</summary>
    [Property(MaxTest = 300)]
    public void Load_RandomlyCorruptedFile_NeverThrowsAndIsDeterministic(DoNotSize<int> seed)
    {
        using var set = TempRuleSet.Copy();
        var random = new Random(seed.Item);
        string[] files = ["ruleset.yaml", "vocabulary.yaml", "sources/doc.yaml", .. RuleFiles];
        var file = files[random.Next(files.Length)];
        var text = set.Read(file);
        const string noise = ":-[]{}#'\"\n\t&*!|>%@`, ?~x1";
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
                1 => text.Insert(at, noise[random.Next(noise.Length)].ToString()),
                _ => text.Insert(at, text.Substring(at, Math.Min(random.Next(1, 40), text.Length - at))),
            };
        }

        set.Write(file, text);
        var first = set.Load();
        var second = set.Load();
        Assert.Equal<RuleSetError>(first.Errors, second.Errors);
        Assert.Equal(first.Succeeded, first.Errors.IsEmpty);
        Assert.All(first.Errors, e =>
        {
            Assert.StartsWith(set.Directory + "/", e.File, StringComparison.Ordinal);
            Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
        });
    }

    private static IEnumerable<string> RuleBlocks(string text)
    {
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("rules:", StringComparison.Ordinal)) + 1;
        var block = new List<string>();
        foreach (var line in lines.Skip(start))
        {
            if (line.StartsWith("  - id:", StringComparison.Ordinal) && block.Count > 0)
            {
                yield return string.Join('\n', block) + "\n";
                block.Clear();
            }

            block.Add(line);
        }

        yield return string.Join('\n', block) + "\n";
    }

    private static string Answer(RuleSetEvaluation result) => string.Join(
        "\n",
        [
            "fired " + string.Join(",", result.FiredRules),
            .. result.Outcomes.Select(o => $"{o.Kind} {o.Code} {o.RuleId} {string.Join(",", o.Attributes.Select(a => a.Name + "=" + a.Value))} [{string.Join(",", o.Citations)}]"),
            .. result.DerivedFacts.Select(f => $"derived {f.Key}={f.Value}"),
            .. result.DataRequests.Select(r => $"request {r.Fact} {r.RuleId}"),
            .. result.MissingFacts.Select(m => $"missing {m.Fact} {string.Join(",", m.UndecidedRules)}"),
        ]);

    private static FactSet Facts(params (string Name, TypedValue Value)[] facts) =>
        FactSet.From(facts.Select(f => new KeyValuePair<string, TypedValue>(f.Name, f.Value)));
}
