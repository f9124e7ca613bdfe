using KetCds.Engine.Internal.Kernel;
using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Evaluation;

public class EvaluationBufferTests
{
    [Fact]
    public void SetInteger_AroundTheWholeLimit_AcceptsMagnitudesUpToTheLimitOnly()
    {
        // Set(InputFact, long) checks the range itself (compared as longs); it must accept and refuse exactly what a
        // fact set's integer does, at every edge including the two ends of long.
        var set = Compile([Input("n", FactType.Integer), Derived("big")], Derive("make.big", new ComparisonCondition("n", ComparisonOperator.GreaterThan, Int(0)), "big"));
        var fact = set.FindInput("n")!;
        var buffer = set.CreateBuffer();
        long[] values = [0, 1, -1, FactLayout.WholeLimit, -FactLayout.WholeLimit, FactLayout.WholeLimit + 1, -FactLayout.WholeLimit - 1, long.MaxValue, long.MinValue, long.MinValue + 1];
        foreach (var value in values)
        {
            var inRange = Math.Abs((decimal)value) <= FactLayout.WholeLimit;
            buffer.Clear();
            if (inRange)
            {
                buffer.Set(fact, value);
                buffer.Evaluate();
                Assert.Equal(value > 0, buffer.GetFact("big")?.AsBoolean ?? false);
            }
            else
            {
                var error = Assert.Throws<ArgumentException>(() => buffer.Set(fact, value));
                Assert.Contains("outside the supported range", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void OutcomeIndexes_RulesWithNoneOneOrSeveralOutcomes_SameOutcomesAsResult()
    {
        // Rules with one outcome mark its rank, rules with several OR their row, rules with none add nothing; over more
        // than one word of outcomes (99 of them), every case must list the result's outcomes in its order.
        var rules = new List<Rule> { Derive("make.flag", Cmp("n", ComparisonOperator.GreaterThan, 50), "flag") };
        for (var i = 0; i < 60; i++)
        {
            var when = i % 3 == 0 ? (Condition)All(Cmp("n", ComparisonOperator.GreaterThan, i), Is("flag")) : Cmp("n", ComparisonOperator.GreaterThan, i);
            EmitAction[] emits = [.. Enumerable.Range(0, 1 + (i % 4 == 1 ? 2 : 0) + (i % 7 == 2 ? 1 : 0))
                .Select(k => new EmitAction((OutcomeKind)((i + k) % 4), $"code.{(i * 7) % 13}.{k}", $"text {i}.{k}", []))];
            rules.Add(new Rule($"emit.{i}", "title", "description", i % 3, when, [.. emits], []));
        }

        var set = Compile([Input("n", FactType.Integer), Derived("flag")], [.. rules]);
        Assert.True(set.PossibleOutcomes.Length > 64, $"{set.PossibleOutcomes.Length} outcomes");
        var buffer = set.CreateBuffer();
        for (var n = -1; n <= 61; n++)
        {
            set.Evaluate(Facts(("n", Int(n))), buffer);
            var expected = set.Evaluate(Facts(("n", Int(n)))).Outcomes;
            Assert.Equal(expected.ToArray(), buffer.OutcomeIndexes().ToArray().Select(i => set.PossibleOutcomes[i]).ToArray());
        }
    }
}
