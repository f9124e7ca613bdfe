namespace KetCds.Engine.Internal.Kernel;

/// <summary>A small lock-free pool of working memories, so an evaluation reuses one instead of allocating its buffers.</summary>
internal sealed class StatePool(Func<KernelState> create)
{
    private readonly KernelState?[] _items = new KernelState?[Math.Clamp(Environment.ProcessorCount * 2, 4, 64)];

    public KernelState Rent()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            var item = Interlocked.Exchange(ref _items[i], null);
            if (item is not null)
            {
                return item;
            }
        }

        return create();
    }

    public void Return(KernelState state)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _items[i], state, null) is null)
            {
                return;
            }
        }
    }
}
