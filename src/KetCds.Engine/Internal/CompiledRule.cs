namespace KetCds.Engine.Internal;

/// <summary>One rule ready to run: its model and its actions resolved to slots and prebuilt outcomes.</summary>
internal sealed class CompiledRule
{
    public required int Index { get; init; }

    public required Rule Model { get; init; }

    public required (int Slot, TypedValue Value)[] Derives { get; init; }

    /// <summary>Prebuilt outcomes with their global sort rank, so firing allocates nothing.</summary>
    public required (int Rank, Outcome Outcome)[] Outcomes { get; init; }

    public required DataRequest[] Requests { get; init; }

    /// <summary>Every slot the condition tests, ascending (slot order is name order).</summary>
    public required int[] TestedSlots { get; init; }

    /// <summary>An input slot whose absence means the rule cannot fire; -1 for none.</summary>
    public required int GuardSlot { get; init; }
}
