namespace KetCds.Engine.Internal.Kernel;

/// <summary>The code compiled from a rule set at load: the evaluation's steps in order, and per slot the tests on a present value.</summary>
/// <param name="Steps">Run one after another, they evaluate the stages in dependency order, then the emitters (only the emitters when <paramref name="StageSteps"/> is set).</param>
/// <param name="Retests">Per slot, the compiled tests on its value; null where the slot has no tests.</param>
/// <param name="StageSteps">When evaluations start from the no-input run (<see cref="Kernel.SkipsStages"/>), one step per stage, run only when triggered; else null.</param>
/// <param name="TriggerRows">Per slot, a bit row over the stages (<paramref name="StageWords"/> words) that a change of the slot triggers, other than its own.</param>
/// <param name="StageWords">Words per trigger row.</param>
/// <param name="GroupedStages">With <paramref name="StageSteps"/>, the same stages compiled as a run from scratch runs them (in steps of many rules), for cases that reach most stages.</param>
internal sealed record KernelCode(KernelStep[] Steps, SlotRetest?[] Retests, KernelStep[]? StageSteps = null, ulong[]? TriggerRows = null, int StageWords = 0, KernelStep[]? GroupedStages = null);
