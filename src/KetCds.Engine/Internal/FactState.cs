namespace KetCds.Engine.Internal;

/// <summary>The mutable fact store of one evaluation: one slot per declared fact, single assignment.</summary>
internal sealed class FactState
{
    public FactState(int count)
    {
        Values = new FactValue?[count];
        Status = new FactStatus[count];
        SetBy = new int[count];
    }

    public FactValue?[] Values { get; }

    public FactStatus[] Status { get; }

    /// <summary>For derived slots, 1 + the index of the firing that set it; 0 when unset.</summary>
    public int[] SetBy { get; }
}
