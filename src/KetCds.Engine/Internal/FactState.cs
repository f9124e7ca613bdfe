namespace KetCds.Engine.Internal;

/// <summary>The mutable fact store of one evaluation: one slot per declared fact, single assignment.</summary>
internal sealed class FactState
{
    /// <summary>Creates the store with every slot in its initial status (missing inputs, not-yet-derived facts).</summary>
    public FactState(FactStatus[] initialStatus)
    {
        Values = new TypedValue?[initialStatus.Length];
        Status = (FactStatus[])initialStatus.Clone();
        SetBy = new int[initialStatus.Length];
    }

    /// <summary>Wraps arrays the caller hands over (a finished evaluation's copy); they are not copied again.</summary>
    public FactState(FactStatus[] status, TypedValue?[] values, int[] setBy)
    {
        Status = status;
        Values = values;
        SetBy = setBy;
    }

    public TypedValue?[] Values { get; }

    public FactStatus[] Status { get; }

    /// <summary>For derived slots, 1 + the index of the firing that set it; 0 when unset.</summary>
    public int[] SetBy { get; }
}
