using KetCds.Clinical;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>Status messages clients see; generic on purpose, so no patient value ever reaches a message or a log.</summary>
internal static class StatusMessages
{
    public const string NoRuleSet = "no valid rule set is loaded";

    public const string LimitExceeded = "the rule set exceeded its evaluation limit for this patient";

    /// <summary>Counts the violations listed; past the validator's cap the list ends with a "more" entry, and so does the message.</summary>
    public static string InvalidFields(IReadOnlyCollection<FieldViolation> violations) => violations.Count switch
    {
        1 => "the request has 1 invalid field",
        > PatientValidator.MaxReported => $"the request has more than {PatientValidator.MaxReported} invalid fields",
        var count => $"the request has {count} invalid fields",
    };
}
