using FsCheck.Xunit;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Engine.Tests.Internal;

/// <summary>The kernel's slot set against the <c>SortedSet&lt;int&gt;</c> it replaced at load time, over generated slots.</summary>
public class SlotSetTests
{
    [Property(MaxTest = 500)]
    public void ToSortedArray_AnySlotsInBatches_SameAsSortedSet(byte[][] batches)
    {
        var set = new SlotSet();
        foreach (var batch in batches ?? [])
        {
            var reference = new SortedSet<int>();
            set.Clear();
            for (var i = 0; i < (batch?.Length ?? 0); i++)
            {
                // Odd positions go in through AddRange, as the kernel adds a witness's slots.
                if (i % 2 == 0)
                {
                    set.Add(batch![i]);
                }
                else
                {
                    set.AddRange([batch![i], batch[i] / 2]);
                    reference.Add(batch[i] / 2);
                }

                reference.Add(batch[i]);
            }

            Assert.Equal([.. reference], set.ToSortedArray());
        }
    }
}
