namespace KetCds.Engine.NRules.Internal;

/// <summary>The per-session record of which rules fired, in order, with the firing cap; a working-memory fact no rule tests.</summary>
internal sealed class FiringLog(int maxFirings)
{
    public int MaxFirings { get; } = maxFirings;

    public List<int> Firings { get; } = [];
}
