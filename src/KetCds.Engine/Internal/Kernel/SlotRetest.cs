namespace KetCds.Engine.Internal.Kernel;

/// <summary>Compiled re-evaluation of every test on one fact slot, once it holds a value.</summary>
internal delegate void SlotRetest(KernelState state);
