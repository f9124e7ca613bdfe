namespace KetCds.Clinical.Internal;

/// <summary>Where an outcome goes in a result, by the rule files' conventions (see <see cref="ResultBuilder"/>).</summary>
internal enum OutcomeRole
{
    /// <summary>A route recommendation.</summary>
    Recommendation,

    /// <summary>A risk modifier.</summary>
    RiskModifier,

    /// <summary>An alert.</summary>
    Alert,

    /// <summary>A relief estimate of a recommended route (a finding coded <c>relief.</c>).</summary>
    Relief,

    /// <summary>An eligibility reason (a finding coded <c>eligibility.</c>).</summary>
    Eligibility,

    /// <summary>Maintenance guidance (a finding coded <c>maintenance.</c>).</summary>
    Maintenance,

    /// <summary>Any other finding.</summary>
    Finding,
}
