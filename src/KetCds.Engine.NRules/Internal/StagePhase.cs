namespace KetCds.Engine.NRules.Internal;

/// <summary>The control fact naming the derivation stage being settled; one at a time, in dependency order.</summary>
internal sealed class StagePhase(int stage)
{
    public int Stage { get; } = stage;
}
