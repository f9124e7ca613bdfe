namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Conditions flattened into arrays: a node is an all (Kleene min) or an any (max) over entries; an entry refers to a
/// test or a node, possibly negated (2 - x). Rule r's condition is node Root[r].
/// </summary>
internal sealed class ConditionProgram
{
    public const int Negated = 1;
    public const int IsNode = 2;

    public required int[] Root { get; init; }

    /// <summary>Per node, true for any (max), false for all (min).</summary>
    public required bool[] IsAny { get; init; }

    /// <summary>Entries of node n are Entries[Start[n]..Start[n + 1]]; an entry is (index &lt;&lt; 2) | IsNode? | Negated?.</summary>
    public required int[] Start { get; init; }

    public required int[] Entries { get; init; }

    /// <summary>Evaluates node <paramref name="node"/> over the test truths, folding with <see cref="ConditionSemantics"/>.</summary>
    public byte Evaluate(int node, byte[] tests)
    {
        var entries = Entries;
        var any = IsAny[node];
        var truth = ConditionSemantics.Unit(any);
        for (var i = Start[node]; i < Start[node + 1]; i++)
        {
            var entry = entries[i];
            int item = (entry & IsNode) == 0 ? tests[entry >> 2] : Evaluate(entry >> 2, tests);
            truth = ConditionSemantics.Join(any, truth, (entry & Negated) != 0 ? ConditionSemantics.Not(item) : item);
            if (ConditionSemantics.Decided(any, truth))
            {
                break;
            }
        }

        return (byte)truth;
    }
}
