using System.Collections.Immutable;
using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Internal;

/// <summary>Every error code the validator knows, each through the public compiler, with its location and hint.</summary>
public class ModelValidatorTests
{
    private static readonly SourceLocation At = new("rules/a.yaml", 7, 3);

    private static readonly FactDefinition[] Vocabulary =
    [
        Input("pain_score", FactType.Integer),
        Input("weight", FactType.Decimal),
        Input("route", FactType.Enum, "iv", "oral"),
        Input("conditions", FactType.EnumSet, "crps", "fibromyalgia"),
        Input("smoker", FactType.Boolean),
        Input("pain_duration", FactType.Duration),
        Derived("refractory"),
    ];

    private static readonly Rule Producer = Derive("derive.refractory", Is("smoker"), "refractory");

    private static ModelError Single(RuleSetCompilation compilation, string code)
    {
        Assert.False(compilation.Succeeded);
        Assert.Null(compilation.RuleSet);
        return Assert.Single(compilation.Errors, e => e.Code == code);
    }

    private static RuleSetCompilation CompileWith(Condition when, IEnumerable<FactDefinition>? facts = null) =>
        RuleSetCompiler.Compile(Model(facts ?? Vocabulary, [Producer, Emit("r1", when)]));

    [Fact]
    public void Validate_MissingVersion_ReportsMissingVersion()
    {
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer], version: " ")), ModelErrorCodes.MissingVersion);
        Assert.Contains("no version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FactWithoutName_ReportsMissingFactName()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Input("", FactType.Boolean) with { Location = At }], [Producer])), ModelErrorCodes.MissingFactName);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_DuplicateFact_ReportsDuplicateFactAtSecondDeclaration()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Input("smoker", FactType.Integer) with { Location = At }], [Producer])), ModelErrorCodes.DuplicateFact);
        Assert.Equal(At, error.Location);
        Assert.Contains("'smoker'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnumWithoutValues_ReportsEnumWithoutValues()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Input("goal", FactType.Enum) with { Location = At }], [Producer])), ModelErrorCodes.EnumWithoutValues);
        Assert.Equal(At, error.Location);
        Assert.Contains("'goal'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateEnumValue_ReportsDuplicateEnumValue()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Input("goal", FactType.EnumSet, "a", "b", "a") with { Location = At }], [Producer])), ModelErrorCodes.DuplicateEnumValue);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_ValuesOnNonEnum_ReportsValuesOnNonEnum()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Input("age", FactType.Integer, "a") with { Location = At }], [Producer])), ModelErrorCodes.ValuesOnNonEnum);
        Assert.Contains("'age' is an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleWithoutId_ReportsMissingRuleId()
    {
        var rule = Emit("", Is("smoker")) with { Location = At };
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.MissingRuleId);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_DuplicateRuleId_ReportsDuplicateRuleId()
    {
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, Emit("r1", Is("smoker")), Emit("r1", Is("smoker")) with { Location = At }])), ModelErrorCodes.DuplicateRuleId);
        Assert.Equal(At, error.Location);
        Assert.Contains("'r1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleWithoutActions_ReportsRuleWithoutActions()
    {
        var rule = Emit("r1", Is("smoker")) with { Then = [], Location = At };
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.RuleWithoutActions);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_UnderivedFact_ReportsUnderivedFactAtItsDeclaration()
    {
        var error = Single(RuleSetCompiler.Compile(Model([.. Vocabulary, Derived("orphan") with { Location = At }], [Producer])), ModelErrorCodes.UnderivedFact);
        Assert.Equal(At, error.Location);
        Assert.Contains("'orphan'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyJunctions_ReportEmptyJunctionForAllAndAny()
    {
        var compilation = CompileWith(new AllCondition([new AnyCondition([]) { Location = At }]));
        var error = Single(compilation, ModelErrorCodes.EmptyJunction);
        Assert.Equal(At, error.Location);
        Assert.Contains("'any'", error.Message, StringComparison.Ordinal);
        Single(CompileWith(new AllCondition(default)), ModelErrorCodes.EmptyJunction);
    }

    [Fact]
    public void Validate_UnknownFact_ReportsUnknownFactWithSuggestion()
    {
        var error = Single(CompileWith(new ComparisonCondition("pain_scroe", ComparisonOperator.Equal, Int(3)) { Location = At }), ModelErrorCodes.UnknownFact);
        Assert.Equal(At, error.Location);
        Assert.Equal("pain_score", error.Suggestion);
        Assert.Equal("rules/a.yaml:7:3: unknown fact 'pain_scroe' (did you mean 'pain_score'?)", error.ToString());
    }

    [Fact]
    public void Validate_UnknownFactFarFromAnyName_HasNoSuggestion()
    {
        var error = Single(CompileWith(Known("zzzzzzzzzz")), ModelErrorCodes.UnknownFact);
        Assert.Null(error.Suggestion);
    }

    [Fact]
    public void Validate_OrderedComparisonOnBoolean_ReportsTypeMismatch()
    {
        var error = Single(CompileWith(new ComparisonCondition("smoker", ComparisonOperator.GreaterThan, TypedValue.True) { Location = At }), ModelErrorCodes.TypeMismatch);
        Assert.Equal(At, error.Location);
        Assert.Contains("'>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LiteralOfWrongType_ReportsTypeMismatch()
    {
        var error = Single(CompileWith(Eq("pain_score", TypedValue.Duration(3, DurationUnit.Days))), ModelErrorCodes.TypeMismatch);
        Assert.Contains("'pain_score' is an integer but the value 3 days is a duration", error.Message, StringComparison.Ordinal);
        Single(CompileWith(Eq("pain_score", TypedValue.Decimal(2.5m))), ModelErrorCodes.TypeMismatch);
    }

    [Fact]
    public void Validate_IntegralDecimalLiteralForIntegerAndIntegerForDecimal_Compile()
    {
        Assert.True(CompileWith(Eq("pain_score", TypedValue.Decimal(3.0m))).Succeeded);
        Assert.True(CompileWith(Eq("weight", Int(70))).Succeeded);
    }

    [Fact]
    public void Validate_RangeOnEnum_ReportsTypeMismatch() =>
        Single(CompileWith(new RangeCondition("route", Sym("iv"), null)), ModelErrorCodes.TypeMismatch);

    [Fact]
    public void Validate_RangeWithoutBounds_ReportsEmptyRange()
    {
        var error = Single(CompileWith(new RangeCondition("pain_score", null, null) { Location = At }), ModelErrorCodes.EmptyRange);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_InvertedRange_ReportsInvertedRange()
    {
        var error = Single(CompileWith(new RangeCondition("pain_duration", TypedValue.Duration(2, DurationUnit.Weeks), TypedValue.Duration(13, DurationUnit.Days))), ModelErrorCodes.InvertedRange);
        Assert.Contains("minimum 2 weeks above its maximum 13 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SetOperatorOnEnum_ReportsTypeMismatchWithHint()
    {
        var error = Single(CompileWith(Member("route", MembershipOperator.ContainsAny, "iv")), ModelErrorCodes.TypeMismatch);
        Assert.Contains("use 'in' or 'not_in'", error.Message, StringComparison.Ordinal);
        var other = Single(CompileWith(Member("conditions", MembershipOperator.In, "crps")), ModelErrorCodes.TypeMismatch);
        Assert.Contains("contains_any", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyMembership_ReportsEmptyMembership()
    {
        var error = Single(CompileWith(Member("route", MembershipOperator.In) with { Location = At }), ModelErrorCodes.EmptyMembership);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_UnknownEnumValue_ReportsWithSuggestion()
    {
        var error = Single(CompileWith(Member("conditions", MembershipOperator.ContainsAll, "crsp") with { Location = At }), ModelErrorCodes.UnknownEnumValue);
        Assert.Equal("crps", error.Suggestion);
        Assert.Equal(At, error.Location);
        Assert.Contains("allowed: crps, fibromyalgia", error.Message, StringComparison.Ordinal);
        Single(CompileWith(Eq("route", Sym("ivv"))), ModelErrorCodes.UnknownEnumValue);
        Single(CompileWith(Eq("conditions", Set("crps", "nope"))), ModelErrorCodes.UnknownEnumValue);
    }

    [Fact]
    public void Validate_DeriveInputFact_ReportsDeriveInputFactAtAction()
    {
        var rule = new Rule("r1", "t", "d", 0, Is("smoker"), [new DeriveAction("smoker", TypedValue.True) { Location = At }], []);
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.DeriveInputFact);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_DeriveWrongValueType_ReportsTypeMismatch()
    {
        var rule = Derive("r1", Is("smoker"), "refractory", Int(1));
        Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.TypeMismatch);
    }

    [Fact]
    public void Validate_RequestDerivedFact_ReportsRequestDerivedFact()
    {
        var rule = new Rule("r1", "t", "d", 0, Is("smoker"), [new RequestDataAction("refractory", "why") { Location = At }], []);
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.RequestDerivedFact);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_RequestUnknownFact_ReportsUnknownFactWithSuggestion()
    {
        var rule = new Rule("r1", "t", "d", 0, Is("smoker"), [new RequestDataAction("smokr", "why")], [], At);
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.UnknownFact);
        Assert.Equal("smoker", error.Suggestion);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void Validate_OutcomeWithoutCodeOrText_ReportsBoth()
    {
        var rule = new Rule("r1", "t", "d", 0, Is("smoker"), [new EmitAction(OutcomeKind.Alert, "", " ", []) { Location = At }], []);
        var compilation = RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule]));
        Assert.Equal(At, Single(compilation, ModelErrorCodes.MissingOutcomeCode).Location);
        Assert.Equal(At, Single(compilation, ModelErrorCodes.MissingOutcomeText).Location);
    }

    [Fact]
    public void Validate_ConditionWithoutLocation_UsesRuleLocation()
    {
        var rule = Emit("r1", Known("nope")) with { Location = At };
        Assert.Equal(At, Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule])), ModelErrorCodes.UnknownFact).Location);
    }

    [Fact]
    public void Compile_ManyErrors_ReportsAllAtOnceSortedByLocation()
    {
        var late = new SourceLocation("rules/b.yaml", 2, 1);
        var early = new SourceLocation("rules/a.yaml", 9, 1);
        var model = Model(
            [.. Vocabulary, Input("goal", FactType.Enum) with { Location = late }],
            [
                Producer,
                Emit("r1", Known("missing_one") with { Location = late }),
                Emit("r2", Eq("route", Sym("x")) with { Location = early }),
                Emit("r2", Is("smoker")) with { Location = At },
            ],
            version: "");
        var compilation = RuleSetCompiler.Compile(model);
        Assert.False(compilation.Succeeded);
        Assert.Null(compilation.RuleSet);
        Assert.Equal(
            ["missing-version", "duplicate-rule-id", "unknown-enum-value", "enum-without-values", "unknown-fact"],
            compilation.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Compile_NegativeCycle_ReportsNegativeCycleNamingRuleAndFacts()
    {
        var model = Model(
            [Input("x", FactType.Boolean), Derived("a"), Derived("b")],
            [
                Derive("make.a", Not(Is("b")), "a") with { Location = At },
                Derive("make.b", Is("a"), "b"),
            ]);
        var compilation = RuleSetCompiler.Compile(model);
        var error = Single(compilation, ModelErrorCodes.NegativeCycle);
        Assert.Equal(At, error.Location);
        Assert.Contains("rule 'make.a' tests 'b' negatively", error.Message, StringComparison.Ordinal);
        Assert.Contains("cycle through a -> b", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("not-equal")]
    [InlineData("not-in")]
    public void Compile_SelfNegation_ReportsNegativeCycle(string form)
    {
        Condition when = form switch
        {
            "absent" => Absent("a"),
            "not-equal" => new ComparisonCondition("a", ComparisonOperator.NotEqual, TypedValue.True),
            _ => Member("a", MembershipOperator.NotIn, "p"),
        };
        var a = form == "not-in" ? Derived("a", FactType.Enum, "p", "q") : Derived("a");
        var value = form == "not-in" ? Sym("p") : TypedValue.True;
        var compilation = RuleSetCompiler.Compile(Model([a], [Derive("r", when, "a", value)]));
        Assert.Equal("negative-cycle", Assert.Single(compilation.Errors).Code);
    }

    [Fact]
    public void Compile_PositiveCycleAndNegationOfEarlierStratum_Succeeds()
    {
        var model = Model(
            [Input("x", FactType.Boolean), Derived("a"), Derived("b"), Derived("c")],
            [
                Derive("make.a", Any(Is("x"), Is("b")), "a"),
                Derive("make.b", Is("a"), "b"),
                Derive("make.c", Not(Is("a")), "c"),
            ]);
        Assert.True(RuleSetCompiler.Compile(model).Succeeded);
    }

    [Fact]
    public void Compile_DefaultCollections_ReportErrorsInsteadOfCrashing()
    {
        var rule = new Rule("r1", "t", "d", 0, Is("smoker"), default, default);
        var compilation = RuleSetCompiler.Compile(Model(Vocabulary, [Producer, rule]));
        Single(compilation, ModelErrorCodes.RuleWithoutActions);
        var emitDefault = new Rule("r2", "t", "d", 0, Is("smoker"), [new EmitAction(OutcomeKind.Finding, "c", "t", default)], default);
        Assert.True(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, emitDefault])).Succeeded);
        Assert.True(RuleSetCompiler.Compile(new RuleSetModel("n", "1", [.. Vocabulary.Take(1)], ImmutableArray<Rule>.Empty)).Succeeded);
    }

    [Fact]
    public void Validate_NullConditions_ReportMissingConditionInsteadOfCrashing()
    {
        var noWhen = Emit("r1", Is("smoker")) with { When = null!, Location = At };
        var error = Single(RuleSetCompiler.Compile(Model(Vocabulary, [Producer, noWhen])), ModelErrorCodes.MissingCondition);
        Assert.Equal(At, error.Location);
        Assert.Contains("'r1'", error.Message, StringComparison.Ordinal);

        Single(CompileWith(new NotCondition(null!)), ModelErrorCodes.MissingCondition);
        Single(CompileWith(new AnyCondition([Is("smoker"), null!])), ModelErrorCodes.MissingCondition);
    }

    [Fact]
    public void Compile_DefaultFactAndRuleLists_TreatedAsEmpty()
    {
        var compilation = RuleSetCompiler.Compile(new RuleSetModel("n", "1", default, default));
        Assert.True(compilation.Succeeded);
        Assert.Empty(compilation.RuleSet.Evaluate(FactSet.Empty).FiredRules);
    }
}
