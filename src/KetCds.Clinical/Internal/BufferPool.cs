using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>A small lock-free pool of one rule set's evaluation buffers, so a call reuses working memory instead of allocating it.</summary>
internal sealed class BufferPool(CompiledRuleSet ruleSet)
{
    private readonly EvaluationBuffer?[] _items = new EvaluationBuffer?[Math.Clamp(Environment.ProcessorCount * 2, 4, 64)];

    public EvaluationBuffer Rent()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (Interlocked.Exchange(ref _items[i], null) is { } item)
            {
                return item;
            }
        }

        return ruleSet.CreateBuffer();
    }

    public void Return(EvaluationBuffer buffer)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _items[i], buffer, null) is null)
            {
                return;
            }
        }
    }
}
