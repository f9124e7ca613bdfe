using System.Collections.Immutable;
using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Internal;

/// <summary>The content hash behind <see cref="VersionIdentity"/>: stable under reordering, sensitive to every change.</summary>
public class CanonicalWriterTests
{
    private static readonly RuleSetModel Baseline = Model(
        [Input("x", FactType.Integer) with { Unit = "mg" }, Input("e", FactType.Enum, "p", "q"), Derived("a")],
        [
            Derive("make.a", Cmp("x", ComparisonOperator.GreaterThan, 3), "a", cites: "c.one"),
            Emit("emit.a", All(Is("a"), Member("e", MembershipOperator.In, "p")), priority: 2, cites: ["c.two", "c.three"]),
            Emit("emit.b", new RangeCondition("x", Int(1), TypedValue.Decimal(9.0m))),
        ]);

    private static string Hash(RuleSetModel model) => Compile(model).ModelHash;

    private static RuleSetModel MapRule(string id, Func<Rule, Rule> change) =>
        Baseline with { Rules = [.. Baseline.Rules.Select(r => r.Id == id ? change(r) : r)] };

    [Fact]
    public void Hash_RulesAndFactsReordered_Unchanged()
    {
        var reordered = Baseline with { Rules = [.. Baseline.Rules.Reverse()], Facts = [.. Baseline.Facts.Reverse()] };
        Assert.Equal(Hash(Baseline), Hash(reordered));
        Assert.Matches("^[0-9a-f]{64}$", Hash(Baseline));
    }

    [Fact]
    public void Hash_LocationsAndEquivalentLiteralSpelling_Unchanged()
    {
        var moved = MapRule("emit.b", r => r with
        {
            Location = new SourceLocation("other.yaml", 1, 1),
            When = new RangeCondition("x", TypedValue.Decimal(1.00m), Int(9)) { Location = new SourceLocation("f", 2, 2) },
        });
        Assert.Equal(Hash(Baseline), Hash(moved));
    }

    public static TheoryData<string> Changes() => ["title", "description", "priority", "condition", "citation-added", "citation-order", "action", "outcome-text", "fact-description", "fact-unit", "fact-values", "fact-type", "version", "name", "new-rule"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Hash_AnyContentChange_Changes(string change)
    {
        var changed = change switch
        {
            "title" => MapRule("emit.a", r => r with { Title = r.Title + "!" }),
            "description" => MapRule("emit.a", r => r with { Description = r.Description + " more" }),
            "priority" => MapRule("emit.a", r => r with { Priority = 3 }),
            "condition" => MapRule("make.a", r => r with { When = Cmp("x", ComparisonOperator.GreaterThanOrEqual, 3) }),
            "citation-added" => MapRule("make.a", r => r with { Citations = ["c.one", "c.four"] }),
            "citation-order" => MapRule("emit.a", r => r with { Citations = ["c.three", "c.two"] }),
            "action" => MapRule("emit.b", r => r with { Then = [new EmitAction(OutcomeKind.Alert, "emit.b.code", "text emit.b", [])] }),
            "outcome-text" => MapRule("emit.b", r => r with { Then = [new EmitAction(OutcomeKind.Finding, "emit.b.code", "other text", [])] }),
            "fact-description" => Baseline with { Facts = [.. Baseline.Facts.Select(f => f.Name == "x" ? f with { Description = "changed" } : f)] },
            "fact-unit" => Baseline with { Facts = [.. Baseline.Facts.Select(f => f.Name == "x" ? f with { Unit = "g" } : f)] },
            "fact-values" => Baseline with { Facts = [.. Baseline.Facts.Select(f => f.Name == "e" ? f with { AllowedValues = ["p", "q", "r"] } : f)] },
            "fact-type" => Baseline with { Facts = [.. Baseline.Facts.Select(f => f.Name == "x" ? f with { Type = FactType.Decimal } : f)] },
            "version" => Baseline with { Version = "1.0.1" },
            "name" => Baseline with { Name = "other" },
            _ => Baseline with { Rules = Baseline.Rules.Add(Emit("emit.c", Known("x"))) },
        };
        Assert.NotEqual(Hash(Baseline), Hash(changed));
    }

    [Fact]
    public void Evaluate_UndeclaredFact_NamesTheRuleSetByNameAndVersionWithoutTheModelHash()
    {
        var compiled = Compile(Baseline);

        var thrown = Assert.Throws<ArgumentException>(() => compiled.Evaluate(Facts(("nope", Int(1)))));

        Assert.StartsWith("fact 'nope' is not declared by rule set test-set@1.0.0", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(compiled.ModelHash[..12], thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcomes_CitationOrder_KeptAsAuthored()
    {
        var result = Compile(Baseline).Evaluate(Facts(("x", Int(5)), ("e", Sym("p"))));
        Assert.Equal(ImmutableArray.Create("c.two", "c.three").ToArray(), result.Outcomes.Single(o => o.RuleId == "emit.a").Citations.ToArray());
    }

    [Fact]
    public void Sha256_TextAcrossManyChunks_SameAsHashOfTheWholeString()
    {
        // Pieces of odd lengths put surrogate pairs (and a lone surrogate) across chunk and encoding-block boundaries.
        string[] pieces = ["a", "\ud83d\ude00", "\u00e9\u6f22", "\ud83d", "x\ude00", "\ud800z", new string('b', 4095), "\ud83d\ude00"];
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var text = new System.Text.StringBuilder();
            var count = random.Next(0, 3000);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var expected = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
            Assert.Equal(expected, KetCds.Engine.Internal.CanonicalWriter.Sha256(text));
        }
    }
}

