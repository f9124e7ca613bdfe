namespace KetCds.Engine.NRules.Tests;

/// <summary>
/// A synthetic rule set for issue 12's priority-and-unknown decision: <c>choice</c> is derived as <c>x</c> by
/// <c>choose.x</c> (priority 2, when <c>a</c>), as <c>y</c> by <c>choose.y</c> (priority 1, when <c>b</c>), and as
/// <c>y</c> again by <c>choose.y-first</c> (priority 3, when <c>d</c>); one emitter per value reads it.
/// </summary>
internal static class PriorityRuleSet
{
    public static CompiledRuleSet Compiled { get; } = Compile();

    public static FactSet Facts(bool? a, bool? b, bool? d) => FactSet.From(
        new[] { ("a", a), ("b", b), ("d", d) }
            .Where(x => x.Item2 is not null)
            .Select(x => new KeyValuePair<string, TypedValue>(x.Item1, TypedValue.Boolean(x.Item2!.Value))));

    private static CompiledRuleSet Compile()
    {
        static Rule Derive(string id, int priority, string input, string value) => new(
            id, id, id, priority, new ComparisonCondition(input, ComparisonOperator.Equal, TypedValue.True),
            [new DeriveAction("choice", TypedValue.Enum(value))], ["claim.synthetic"]);
        static Rule Emit(string value) => new(
            $"emit.{value}", value, value, 0, new ComparisonCondition("choice", ComparisonOperator.Equal, TypedValue.Enum(value)),
            [new EmitAction(OutcomeKind.Finding, $"chose.{value}", $"chose {value}", [])], ["claim.synthetic"]);

        var model = new RuleSetModel(
            "priority-decision",
            "1",
            [
                new FactDefinition("a", FactType.Boolean, FactOrigin.Input, "a", []),
                new FactDefinition("b", FactType.Boolean, FactOrigin.Input, "b", []),
                new FactDefinition("d", FactType.Boolean, FactOrigin.Input, "d", []),
                new FactDefinition("choice", FactType.Enum, FactOrigin.Derived, "choice", ["x", "y"]),
            ],
            [Derive("choose.x", 2, "a", "x"), Derive("choose.y", 1, "b", "y"), Derive("choose.y-first", 3, "d", "y"), Emit("x"), Emit("y")]);
        var compilation = RuleSetCompiler.Compile(model);
        return compilation.RuleSet ?? throw new InvalidOperationException(string.Join("\n", compilation.Errors));
    }
}
