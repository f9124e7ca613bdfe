using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>
/// One stratum of derivation as the engine's dependency analysis orders it: a strongly connected group of derived
/// facts whose producers run together, after every stage they read from.
/// </summary>
/// <param name="Facts">The derived facts the stage settles, sorted by name.</param>
/// <param name="Rules">The rules that derive them, highest priority first, ties by id: the order in which their derivations compete.</param>
/// <param name="Cyclic">Whether rules of the stage read facts the stage derives (only positively), so the stage iterates to a fixed point.</param>
public sealed record DerivationStage(ImmutableArray<string> Facts, ImmutableArray<string> Rules, bool Cyclic);
