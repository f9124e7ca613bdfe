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
}
