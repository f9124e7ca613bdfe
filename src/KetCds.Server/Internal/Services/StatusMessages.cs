namespace KetCds.Server.Internal.Services;

/// <summary>Status messages clients see; generic on purpose, so no patient value ever reaches a message or a log.</summary>
internal static class StatusMessages
{
    public const string NoRuleSet = "no valid rule set is loaded";

    public const string LimitExceeded = "the rule set exceeded its evaluation limit for this patient";

    public static string InvalidFields(int count) =>
        count == 1 ? "the request has 1 invalid field" : $"the request has {count} invalid fields";
}
