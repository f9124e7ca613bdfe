namespace KetCds.Engine.Internal;

/// <summary>The rules that derive one strongly connected group of derived facts, run together.</summary>
/// <param name="Rules">Rule indices, highest priority first, then by id.</param>
/// <param name="Facts">The derived slots this stage completes.</param>
/// <param name="Cyclic">Whether rules of the stage read facts the stage derives, so it must iterate to a fixed point.</param>
internal sealed record EvaluationStage(int[] Rules, int[] Facts, bool Cyclic);
