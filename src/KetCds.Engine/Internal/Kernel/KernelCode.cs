namespace KetCds.Engine.Internal.Kernel;

/// <summary>The code compiled from a rule set at load: the evaluation's steps in order, and per slot the tests on a present value.</summary>
/// <param name="Steps">Run one after another, they evaluate the stages in dependency order, then the emitters.</param>
/// <param name="Retests">Per slot, the compiled tests on its value; null where the slot has no tests.</param>
internal sealed record KernelCode(KernelStep[] Steps, SlotRetest?[] Retests);
