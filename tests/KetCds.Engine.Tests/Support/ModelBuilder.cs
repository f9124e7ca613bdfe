using System.Collections.Immutable;

namespace KetCds.Engine.Tests.Support;

/// <summary>Terse construction of rule-set models for tests; every call returns real model records.</summary>
internal static class ModelBuilder
{
    public static FactDefinition Input(string name, FactType type, params string[] values) =>
        new(name, type, FactOrigin.Input, $"input {name}", [.. values]);

    public static FactDefinition Derived(string name, FactType type = FactType.Boolean, params string[] values) =>
        new(name, type, FactOrigin.Derived, $"derived {name}", [.. values]);

    public static Rule Emit(string id, Condition when, string? code = null, int priority = 0, params string[] cites) =>
        new(id, $"title {id}", $"description {id}", priority, when,
            [new EmitAction(OutcomeKind.Finding, code ?? id + ".code", $"text {id}", [])], [.. cites]);

    public static Rule Derive(string id, Condition when, string fact, TypedValue? value = null, int priority = 0, params string[] cites) =>
        new(id, $"title {id}", $"description {id}", priority, when, [new DeriveAction(fact, value ?? TypedValue.True)], [.. cites]);

    public static RuleSetModel Model(IEnumerable<FactDefinition> facts, IEnumerable<Rule> rules, string version = "1.0.0") =>
        new("test-set", version, [.. facts], [.. rules]);

    public static CompiledRuleSet Compile(RuleSetModel model)
    {
        var compilation = RuleSetCompiler.Compile(model);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
        return compilation.RuleSet;
    }

    public static CompiledRuleSet Compile(IEnumerable<FactDefinition> facts, params Rule[] rules) => Compile(Model(facts, rules));

    public static FactSet Facts(params (string Name, TypedValue Value)[] facts) =>
        FactSet.From(facts.Select(f => new KeyValuePair<string, TypedValue>(f.Name, f.Value)));

    public static ComparisonCondition Eq(string fact, TypedValue value) => new(fact, ComparisonOperator.Equal, value);

    public static ComparisonCondition Is(string fact) => new(fact, ComparisonOperator.Equal, TypedValue.True);

    public static ComparisonCondition Cmp(string fact, ComparisonOperator op, long value) => new(fact, op, TypedValue.Integer(value));

    public static AllCondition All(params Condition[] items) => new([.. items]);

    public static AnyCondition Any(params Condition[] items) => new([.. items]);

    public static NotCondition Not(Condition inner) => new(inner);

    public static PresenceCondition Known(string fact) => new(fact, true);

    public static PresenceCondition Absent(string fact) => new(fact, false);

    public static MembershipCondition Member(string fact, MembershipOperator op, params string[] symbols) => new(fact, op, [.. symbols]);

    public static TypedValue Int(long value) => TypedValue.Integer(value);

    public static TypedValue Sym(string symbol) => TypedValue.Enum(symbol);

    public static TypedValue Set(params string[] symbols) => TypedValue.EnumSet(symbols);

    public static ImmutableArray<string> Ids(this RuleSetEvaluation result) => result.FiredRules;
}
