namespace KetCds.Engine;

/// <summary>The stable codes of <see cref="ModelError"/>: match on these, never on the message.</summary>
public static class ModelErrorCodes
{
    /// <summary>A derive action targets an input fact.</summary>
    public const string DeriveInputFact = "derive-input-fact";

    /// <summary>A fact lists one allowed value twice.</summary>
    public const string DuplicateEnumValue = "duplicate-enum-value";

    /// <summary>Two facts share a name.</summary>
    public const string DuplicateFact = "duplicate-fact";

    /// <summary>Two rules share an id.</summary>
    public const string DuplicateRuleId = "duplicate-rule-id";

    /// <summary>An all/any condition has no parts.</summary>
    public const string EmptyJunction = "empty-junction";

    /// <summary>A membership test lists no values.</summary>
    public const string EmptyMembership = "empty-membership";

    /// <summary>A range condition has neither bound.</summary>
    public const string EmptyRange = "empty-range";

    /// <summary>An enum or set fact lists no allowed values.</summary>
    public const string EnumWithoutValues = "enum-without-values";

    /// <summary>A range's minimum is above its maximum.</summary>
    public const string InvertedRange = "inverted-range";

    /// <summary>A rule or condition part has no condition.</summary>
    public const string MissingCondition = "missing-condition";

    /// <summary>A fact or condition names no fact.</summary>
    public const string MissingFactName = "missing-fact-name";

    /// <summary>An emitted outcome has no code.</summary>
    public const string MissingOutcomeCode = "missing-outcome-code";

    /// <summary>An emitted outcome has no text.</summary>
    public const string MissingOutcomeText = "missing-outcome-text";

    /// <summary>A rule has no id.</summary>
    public const string MissingRuleId = "missing-rule-id";

    /// <summary>The rule set declares no version.</summary>
    public const string MissingVersion = "missing-version";

    /// <summary>Derived facts depend on each other through a negation.</summary>
    public const string NegativeCycle = "negative-cycle";

    /// <summary>A request asks the caller for a derived fact.</summary>
    public const string RequestDerivedFact = "request-derived-fact";

    /// <summary>A rule has no actions.</summary>
    public const string RuleWithoutActions = "rule-without-actions";

    /// <summary>A literal or operator does not fit the fact's type.</summary>
    public const string TypeMismatch = "type-mismatch";

    /// <summary>A derived fact no rule derives.</summary>
    public const string UnderivedFact = "underived-fact";

    /// <summary>A value the fact does not allow.</summary>
    public const string UnknownEnumValue = "unknown-enum-value";

    /// <summary>A condition or action names an undeclared fact.</summary>
    public const string UnknownFact = "unknown-fact";

    /// <summary>Allowed values listed for a fact that is not an enum or set.</summary>
    public const string ValuesOnNonEnum = "values-on-non-enum";
}
