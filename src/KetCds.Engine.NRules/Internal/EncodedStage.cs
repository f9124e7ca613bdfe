namespace KetCds.Engine.NRules.Internal;

/// <summary>One derivation stage: its facts, each with its producers in the order their derivations compete.</summary>
internal sealed class EncodedStage
{
    public required int Index { get; init; }

    public required bool Cyclic { get; init; }

    /// <summary>Per fact the stage settles, its producing rules, highest priority first (ties by id).</summary>
    public required (string Fact, EncodedRule[] Producers)[] Facts { get; init; }

    /// <summary>Whether a later stage exists to hand over to.</summary>
    public required bool Last { get; init; }
}
