namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// What makes two atomic tests the same test: the slot, the kind and the encoded operands, and for a boxed test its
/// canonical text. A record class rather than a tuple key: a dictionary keyed by a seven-field value tuple is generic
/// code the JIT compiles at every cold load (ReadyToRun cannot precompile it).
/// </summary>
internal sealed record TestKey(int Slot, TestKind Kind, long A, long B, decimal D, decimal E, string? Text);
