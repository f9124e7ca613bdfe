namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Fact slots gathered in any order, with repeats, and read back ascending and distinct. It stands in for
/// <c>SortedSet&lt;int&gt;</c> in the kernel's load-time code: that set's generic code over int is not in the framework's
/// precompiled image, so every cold load had the JIT compile some forty of its methods; a list of ints sorted once is.
/// </summary>
internal sealed class SlotSet
{
    private readonly List<int> _items = [];

    public void Add(int slot) => _items.Add(slot);

    public void AddRange(ReadOnlySpan<int> slots)
    {
        foreach (var slot in slots)
        {
            _items.Add(slot);
        }
    }

    public void Clear() => _items.Clear();

    /// <summary>The distinct slots added since the last <see cref="Clear"/>, ascending.</summary>
    public int[] ToSortedArray()
    {
        var sorted = _items.ToArray();
        Array.Sort(sorted);
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (count == 0 || sorted[i] != sorted[count - 1])
            {
                sorted[count++] = sorted[i];
            }
        }

        if (count == sorted.Length)
        {
            return sorted;
        }

        var distinct = new int[count];
        Array.Copy(sorted, distinct, count);
        return distinct;
    }
}
