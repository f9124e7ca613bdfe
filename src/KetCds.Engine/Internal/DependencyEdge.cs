namespace KetCds.Engine.Internal;

/// <summary>
/// An edge of the derived-fact dependency graph: fact <see cref="To"/> depends on the edge's source through
/// <see cref="Rule"/>, negatively when the rule tests the source under a <c>not</c>. A class rather than a value tuple:
/// a list of tuples is generic code over a value type that ReadyToRun cannot precompile, so the JIT compiled it at every cold load.
/// </summary>
internal sealed record DependencyEdge(int To, bool Negative, CompiledRule Rule);
