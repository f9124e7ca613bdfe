using Grpc.Core;

namespace KetCds.Server.Internal.Calls;

/// <summary>What a service method tells the interceptor about its call: the rule-set version that answered it.</summary>
internal static class CallState
{
    private static readonly object RuleSetKey = new();

    /// <summary>Records the label of the rule set answering this call, for the call's log line and metrics.</summary>
    public static void SetRuleSet(ServerCallContext context, string label) => context.UserState[RuleSetKey] = label;

    /// <summary>The label recorded by <see cref="SetRuleSet"/>, or "none" when the call never reached a rule set.</summary>
    public static string RuleSet(ServerCallContext context) =>
        context.UserState.TryGetValue(RuleSetKey, out var label) ? (string)label : "none";
}
