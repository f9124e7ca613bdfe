using KetCds.Engine.Tests.Support;
using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests;

public class CompiledRuleSetTests
{
    private static readonly CompiledRuleSet Set = Compile(
        [
            Input("pain_score", FactType.Integer),
            Input("weight", FactType.Decimal),
            Input("route", FactType.Enum, "iv", "oral"),
            Input("conditions", FactType.EnumSet, "crps", "fibromyalgia"),
            Derived("refractory"),
        ],
        Derive("make.refractory", Cmp("pain_score", ComparisonOperator.GreaterThan, 6), "refractory"),
        Emit("emit", Is("refractory")));

    [Fact]
    public void Evaluate_UndeclaredFact_ThrowsWithSuggestion()
    {
        var error = Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("pain_scor", Int(3)))));
        Assert.Contains("fact 'pain_scor' is not declared", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'pain_score'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DerivedFactSupplied_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("refractory", TypedValue.True))));
        Assert.Contains("'refractory' is derived", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WrongType_ThrowsNamingTypes()
    {
        var error = Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("route", TypedValue.EnumSet(["iv"])))));
        Assert.Contains("fact 'route' is Enum but was given a EnumSet value", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("pain_score", TypedValue.True))));
    }

    [Fact]
    public void Evaluate_FractionForIntegerFact_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("pain_score", TypedValue.Decimal(6.5m)))));
        Assert.Contains("'pain_score'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_IntegerForDecimalAndWholeDecimalForInteger_Accepted()
    {
        var result = Set.Evaluate(Facts(("weight", Int(70)), ("pain_score", TypedValue.Decimal(7.0m))));
        Assert.Equal(["emit", "make.refractory"], result.FiredRules.ToArray());
    }

    [Fact]
    public void Evaluate_DisallowedEnumValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("route", Sym("im")))));
        Assert.Contains("'im' is not an allowed value of fact 'route'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Set.Evaluate(Facts(("conditions", Set("crps", "gout")))));
    }

    [Fact]
    public void Evaluate_ExceedsFiringCap_ThrowsLimitExceeded()
    {
        var options = new EvaluationOptions { MaxFirings = 1 };
        var error = Assert.Throws<EvaluationLimitExceededException>(() => Set.Evaluate(Facts(("pain_score", Int(9))), options));
        Assert.Contains("cap of 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Set.Evaluate(Facts(("pain_score", Int(9))), options with { MaxFirings = 2 }).FiredRules.Length);
    }

    [Fact]
    public void Evaluate_ExceedsFiringCap_ListenerIsToldNothing()
    {
        var listener = new RecordingListener();
        Assert.Throws<EvaluationLimitExceededException>(() => Set.Evaluate(Facts(("pain_score", Int(9))), new EvaluationOptions { MaxFirings = 1, Listener = listener }));
        Assert.Empty(listener.Events);

        Set.Evaluate(Facts(("pain_score", Int(9))), new EvaluationOptions { Listener = listener });
        Assert.Equal(Set.Model.Rules.Length, listener.Events.Count);
    }

    [Fact]
    public void Evaluate_CancelledToken_ThrowsOperationCanceled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Set.Evaluate(FactSet.Empty, null, source.Token));
    }

    [Fact]
    public void Evaluate_ManyRulesCancelled_StopsWithOperationCanceled()
    {
        // Enough rules that the matcher's periodic check is reached, with a token already cancelled.
        var rules = Enumerable.Range(0, 500).Select(i => Emit($"r{i:D3}", Known("x"))).ToArray();
        var set = Compile([Input("x", FactType.Boolean)], rules);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => set.Evaluate(Facts(("x", TypedValue.True)), null, source.Token));
    }

    [Fact]
    public void FindRuleAndFindFact_KnownAndUnknown()
    {
        Assert.Equal("emit", Set.FindRule("emit")!.Id);
        Assert.Null(Set.FindRule("nope"));
        Assert.Equal(FactOrigin.Derived, Set.FindFact("refractory")!.Origin);
        Assert.Null(Set.FindFact("nope"));
        Assert.Null(Set.Evaluate(FactSet.Empty).RuleResult("nope"));
    }
}
