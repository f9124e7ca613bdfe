using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>
/// What the server is running, swapped as one reference so a reader never sees a version paired with another
/// version's reload record.
/// </summary>
internal sealed class RuleSetState
{
    public static readonly RuleSetState Empty = new(null, null);

    public RuleSetState(RuleSetSnapshot? current, ReloadAttempt? lastReload)
    {
        Current = current;
        LastReload = lastReload;
        if (current is not null)
        {
            var status = new RuleSetStatus { LoadedAt = current.LoadedAt, RuleCount = current.RuleCount, LastReload = lastReload };
            RuleSetResponse = new GetRuleSetResponse { Identity = current.Identity, Status = status };
        }
    }

    /// <summary>The version answering requests; null while no valid rule set has ever loaded.</summary>
    public RuleSetSnapshot? Current { get; }

    /// <summary>The latest reload attempt since start; null when none has happened.</summary>
    public ReloadAttempt? LastReload { get; }

    /// <summary>The GetRuleSet answer for this state; null without a current version.</summary>
    public GetRuleSetResponse? RuleSetResponse { get; }
}
