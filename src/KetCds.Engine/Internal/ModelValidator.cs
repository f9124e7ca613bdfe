using System.Collections.Immutable;

namespace KetCds.Engine.Internal;

/// <summary>Checks a rule-set model for every error that would make it unsafe to compile, collecting all of them.</summary>
internal sealed class ModelValidator
{
    private readonly List<ModelError> _errors = [];
    private readonly Dictionary<string, FactDefinition> _facts = new(StringComparer.Ordinal);

    public static List<ModelError> Validate(RuleSetModel model)
    {
        var validator = new ModelValidator();
        validator.Run(model);
        return validator._errors;
    }

    private void Run(RuleSetModel model)
    {
        if (string.IsNullOrWhiteSpace(model.Version))
        {
            Add(ModelErrorCodes.MissingVersion, "the rule set declares no version", null);
        }

        foreach (var fact in model.Facts)
        {
            CheckFact(fact);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var produced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in model.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                Add(ModelErrorCodes.MissingRuleId, "a rule has no id", rule.Location);
            }
            else if (!ids.Add(rule.Id))
            {
                Add(ModelErrorCodes.DuplicateRuleId, $"rule id '{rule.Id}' is used by more than one rule", rule.Location);
            }

            if (rule.Then.IsDefaultOrEmpty)
            {
                Add(ModelErrorCodes.RuleWithoutActions, $"rule '{rule.Id}' has no actions", rule.Location);
            }

            if (rule.When is null)
            {
                Add(ModelErrorCodes.MissingCondition, $"rule '{rule.Id}' has no condition", rule.Location);
            }
            else
            {
                CheckCondition(rule.When, rule);
            }
            foreach (var action in rule.Then.IsDefault ? [] : rule.Then)
            {
                CheckAction(action, rule, produced);
            }
        }

        foreach (var fact in _facts.Values.Where(f => f.Origin == FactOrigin.Derived && !produced.Contains(f.Name)))
        {
            Add(ModelErrorCodes.UnderivedFact, $"derived fact '{fact.Name}' is not produced by any rule", fact.Location);
        }
    }

    private void CheckFact(FactDefinition fact)
    {
        if (string.IsNullOrWhiteSpace(fact.Name))
        {
            Add(ModelErrorCodes.MissingFactName, "a fact has no name", fact.Location);
            return;
        }

        if (!_facts.TryAdd(fact.Name, fact))
        {
            Add(ModelErrorCodes.DuplicateFact, $"fact '{fact.Name}' is declared more than once", fact.Location);
            return;
        }

        var values = fact.AllowedValues.IsDefault ? [] : fact.AllowedValues;
        if (fact.Type is FactType.Enum or FactType.EnumSet)
        {
            if (values.IsEmpty)
            {
                Add(ModelErrorCodes.EnumWithoutValues, $"enum fact '{fact.Name}' declares no allowed values", fact.Location);
            }

            foreach (var duplicate in values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Add(ModelErrorCodes.DuplicateEnumValue, $"fact '{fact.Name}' lists value '{duplicate.Key}' more than once", fact.Location);
            }
        }
        else if (!values.IsEmpty)
        {
            Add(ModelErrorCodes.ValuesOnNonEnum, $"fact '{fact.Name}' is {Describe(fact.Type)} and cannot declare allowed values", fact.Location);
        }
    }

    private void CheckCondition(Condition condition, Rule rule) => new ConditionChecker(this).Visit(condition, rule);

    private void CheckJunction(ImmutableArray<Condition> items, string name, SourceLocation? location, Rule rule)
    {
        if (items.IsDefaultOrEmpty)
        {
            Add(ModelErrorCodes.EmptyJunction, $"'{name}' in rule '{rule.Id}' has no conditions", location);
            return;
        }

        foreach (var item in items)
        {
            if (item is null)
            {
                Add(ModelErrorCodes.MissingCondition, $"'{name}' in rule '{rule.Id}' lists an empty condition", location);
                continue;
            }

            CheckCondition(item, rule);
        }
    }

    private void CheckComparison(ComparisonCondition comparison, FactDefinition fact, SourceLocation? location)
    {
        var ordered = comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);
        if (ordered && !IsOrdered(fact.Type))
        {
            Add(ModelErrorCodes.TypeMismatch, $"fact '{fact.Name}' is {Describe(fact.Type)} and cannot be compared with '{Symbol(comparison.Operator)}'", location);
            return;
        }

        CheckLiteral(comparison.Value, fact, location);
    }

    private void CheckRange(RangeCondition range, FactDefinition fact, SourceLocation? location)
    {
        if (!IsOrdered(fact.Type))
        {
            Add(ModelErrorCodes.TypeMismatch, $"fact '{fact.Name}' is {Describe(fact.Type)} and has no range", location);
            return;
        }

        if (range.Minimum is null && range.Maximum is null)
        {
            Add(ModelErrorCodes.EmptyRange, $"the range on '{fact.Name}' has neither a minimum nor a maximum", location);
            return;
        }

        var ok = true;
        foreach (var bound in new[] { range.Minimum, range.Maximum })
        {
            if (bound is not null)
            {
                ok &= CheckLiteral(bound, fact, location);
            }
        }

        if (ok && range.Minimum is not null && range.Maximum is not null && range.Minimum.CompareTo(range.Maximum) > 0)
        {
            Add(ModelErrorCodes.InvertedRange, $"the range on '{fact.Name}' has its minimum {range.Minimum} above its maximum {range.Maximum}", location);
        }
    }

    private void CheckMembership(MembershipCondition membership, FactDefinition fact, SourceLocation? location)
    {
        var wantSet = membership.Operator is MembershipOperator.ContainsAny or MembershipOperator.ContainsAll or MembershipOperator.ContainsNone;
        var expected = wantSet ? FactType.EnumSet : FactType.Enum;
        if (fact.Type != expected)
        {
            var hint = wantSet ? "use 'in' or 'not_in' for a single enum value" : "use 'contains_any', 'contains_all' or 'contains_none' for a set";
            Add(ModelErrorCodes.TypeMismatch, $"fact '{fact.Name}' is {Describe(fact.Type)}; {hint}", location);
            return;
        }

        if (membership.Symbols.IsDefaultOrEmpty)
        {
            Add(ModelErrorCodes.EmptyMembership, $"the membership test on '{fact.Name}' lists no values", location);
            return;
        }

        foreach (var symbol in membership.Symbols)
        {
            CheckSymbol(symbol, fact, location);
        }
    }

    private void CheckAction(RuleAction action, Rule rule, HashSet<string> produced)
    {
        var location = action.Location ?? rule.Location;
        switch (action)
        {
            case DeriveAction derive when Resolve(derive.Fact, location) is { } fact:
                if (fact.Origin != FactOrigin.Derived)
                {
                    Add(ModelErrorCodes.DeriveInputFact, $"rule '{rule.Id}' derives '{fact.Name}', which is an input fact; declare a separate derived fact", location);
                    return;
                }

                produced.Add(fact.Name);
                CheckLiteral(derive.Value, fact, location);
                break;
            case RequestDataAction request when Resolve(request.Fact, location) is { } fact:
                if (fact.Origin != FactOrigin.Input)
                {
                    Add(ModelErrorCodes.RequestDerivedFact, $"rule '{rule.Id}' requests '{fact.Name}', which is derived; only input facts can be requested", location);
                }

                break;
            case EmitAction emit:
                if (string.IsNullOrWhiteSpace(emit.Code))
                {
                    Add(ModelErrorCodes.MissingOutcomeCode, $"an outcome of rule '{rule.Id}' has no code", location);
                }

                if (string.IsNullOrWhiteSpace(emit.Text))
                {
                    Add(ModelErrorCodes.MissingOutcomeText, $"outcome '{emit.Code}' of rule '{rule.Id}' has no text", location);
                }

                break;
        }
    }

    private bool CheckLiteral(TypedValue literal, FactDefinition fact, SourceLocation? location)
    {
        var compatible = literal.Type == fact.Type || (TypedValue.IsNumeric(literal.Type) && TypedValue.IsNumeric(fact.Type) && (fact.Type == FactType.Decimal || literal.Number == decimal.Truncate(literal.Number)));
        if (!compatible)
        {
            Add(ModelErrorCodes.TypeMismatch, $"fact '{fact.Name}' is {Describe(fact.Type)} but the value {literal} is {Describe(literal.Type)}", location);
            return false;
        }

        var ok = true;
        if (fact.Type == FactType.Enum)
        {
            ok = CheckSymbol(literal.Symbol!, fact, location);
        }
        else if (fact.Type == FactType.EnumSet)
        {
            foreach (var symbol in literal.Symbols)
            {
                ok &= CheckSymbol(symbol, fact, location);
            }
        }

        return ok;
    }

    private bool CheckSymbol(string symbol, FactDefinition fact, SourceLocation? location)
    {
        var values = fact.AllowedValues.IsDefault ? [] : fact.AllowedValues;
        if (values.Contains(symbol, StringComparer.Ordinal))
        {
            return true;
        }

        Add(ModelErrorCodes.UnknownEnumValue, $"'{symbol}' is not an allowed value of '{fact.Name}' (allowed: {string.Join(", ", values)})", location, NameSuggester.Suggest(symbol, values));
        return false;
    }

    private FactDefinition? Resolve(string name, SourceLocation? location)
    {
        if (_facts.TryGetValue(name, out var fact))
        {
            return fact;
        }

        Add(ModelErrorCodes.UnknownFact, $"unknown fact '{name}'", location, NameSuggester.Suggest(name, _facts.Keys));
        return null;
    }

    private void Add(string code, string message, SourceLocation? location, string? suggestion = null) =>
        _errors.Add(new ModelError(code, message, location, suggestion));

    private static bool IsOrdered(FactType type) => type is FactType.Integer or FactType.Decimal or FactType.Duration or FactType.Date;

    private static string Describe(FactType type) => type switch
    {
        FactType.Boolean => "a boolean",
        FactType.Integer => "an integer",
        FactType.Decimal => "a decimal",
        FactType.Enum => "an enum",
        FactType.EnumSet => "a set of enum values",
        FactType.Duration => "a duration",
        _ => "a date",
    };

    private static string Symbol(ComparisonOperator op) => CanonicalWriter.Symbol(op);

    /// <summary>Checks each node of a condition where it was written; a node of unknown kind is left alone.</summary>
    private sealed class ConditionChecker(ModelValidator validator) : ConditionVisitor<Rule, bool>
    {
        protected override bool VisitAll(AllCondition all, Rule rule) => Junction(all.Items, "all", all, rule);

        protected override bool VisitAny(AnyCondition any, Rule rule) => Junction(any.Items, "any", any, rule);

        protected override bool VisitNot(NotCondition not, Rule rule)
        {
            if (not.Inner is null)
            {
                validator.Add(ModelErrorCodes.MissingCondition, $"a 'not' in rule '{rule.Id}' has no condition", Where(not, rule));
                return false;
            }

            return Visit(not.Inner, rule);
        }

        protected override bool VisitPresence(PresenceCondition presence, Rule rule) => validator.Resolve(presence.Fact, Where(presence, rule)) is not null;

        protected override bool VisitComparison(ComparisonCondition comparison, Rule rule) => Resolved(comparison, comparison.Fact, rule, validator.CheckComparison);

        protected override bool VisitRange(RangeCondition range, Rule rule) => Resolved(range, range.Fact, rule, validator.CheckRange);

        protected override bool VisitMembership(MembershipCondition membership, Rule rule) => Resolved(membership, membership.Fact, rule, validator.CheckMembership);

        protected override bool VisitOther(Condition condition, Rule rule) => false;

        private static SourceLocation? Where(Condition condition, Rule rule) => condition.Location ?? rule.Location;

        /// <summary>Checks a test against its fact's declaration once the fact resolves (an unknown fact is reported by the lookup).</summary>
        private bool Resolved<T>(T test, string name, Rule rule, Action<T, FactDefinition, SourceLocation?> check)
            where T : Condition
        {
            var location = Where(test, rule);
            if (validator.Resolve(name, location) is not { } fact)
            {
                return false;
            }

            check(test, fact, location);
            return true;
        }

        private bool Junction(ImmutableArray<Condition> items, string name, Condition junction, Rule rule)
        {
            validator.CheckJunction(items, name, Where(junction, rule), rule);
            return true;
        }
    }
}
