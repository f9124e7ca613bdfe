namespace KetCds.Engine.Internal;

/// <summary>The order in which a compiled rule set runs: derivation stages in dependency order, then the emitters.</summary>
/// <param name="Stages">Derivation stages, each after every stage it reads from.</param>
/// <param name="UnguardedEmitters">Rules that derive nothing and have no guard: always evaluated.</param>
/// <param name="GuardedEmitters">Per input slot, the emitters guarded by it (null where none): evaluated only when it is present.</param>
/// <param name="Producers">Per derived slot, the rules that derive it.</param>
/// <param name="RankedProducers">Per derived slot, the rules that derive it with the value each derives, highest priority first (ties by id): the order in which a conflicting derivation is decided.</param>
/// <param name="GuardSlots">Per rule, its guard input slot or -1; flat so the skip test of thousands of rules stays in cache.</param>
internal sealed record EvaluationPlan(EvaluationStage[] Stages, int[] UnguardedEmitters, int[]?[] GuardedEmitters, int[][] Producers, (int Rule, TypedValue Value)[][] RankedProducers, int[] GuardSlots);
