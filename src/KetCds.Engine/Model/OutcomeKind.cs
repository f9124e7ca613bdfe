namespace KetCds.Engine;

/// <summary>The kind of a typed outcome a rule emits.</summary>
public enum OutcomeKind
{
    /// <summary>Something the rule set recommends.</summary>
    Recommendation,

    /// <summary>A risk that changes how a recommendation is carried out.</summary>
    RiskModifier,

    /// <summary>Something a clinician must be warned about.</summary>
    Alert,

    /// <summary>A statement of fact or evidence that supports or qualifies the decision.</summary>
    Finding,
}
