namespace KetCds.Engine.Internal.Kernel;

/// <summary>A piece of a rule set's evaluation compiled at load: some stages or some emitters, in order.</summary>
internal delegate void KernelStep(KernelState state, Kernel kernel);
