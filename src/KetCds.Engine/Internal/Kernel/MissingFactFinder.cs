using System.Collections.Immutable;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Lists the missing inputs that would decide undecided rules, over the final test truths: the same walk as
/// <see cref="ConditionTracer.CollectMissing"/> (only into unknown branches) without re-evaluating the condition tree
/// at every level.
/// </summary>
internal static class MissingFactFinder
{
    public static ImmutableArray<MissingFact> Find(CompiledRuleSet ruleSet, FactStatus[] status, RuleTruth[] truth, byte[] tests)
    {
        var kernel = ruleSet.Kernel;
        var program = kernel.Program;
        var pairs = new List<(int Slot, int Rule)>();
        for (var rule = 0; rule < truth.Length; rule++)
        {
            if (truth[rule] is RuleTruth.Unknown or RuleTruth.Skipped && kernel.IsUnknown(rule, tests))
            {
                Collect(program, kernel.Tests, program.Root[rule], rule, status, tests, pairs);
            }
        }

        if (pairs.Count == 0)
        {
            return [];
        }

        // Slots follow ordinal name order and rules ordinal id order, so sorting the pairs sorts the answer.
        pairs.Sort();
        var result = ImmutableArray.CreateBuilder<MissingFact>();
        var rules = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (slot, rule) = pairs[i];
            if (i == 0 || pairs[i - 1] != pairs[i])
            {
                rules.Add(ruleSet.Rules[rule].Model.Id);
            }

            if (i + 1 == pairs.Count || pairs[i + 1].Slot != slot)
            {
                result.Add(new MissingFact(ruleSet.Facts.Definitions[slot].Name, rules.ToImmutable()));
                rules.Clear();
            }
        }

        return result.ToImmutable();
    }

    private static void Collect(ConditionProgram program, TestTable table, int node, int rule, FactStatus[] status, byte[] tests, List<(int, int)> pairs)
    {
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            var index = entry >> 2;
            if ((entry & ConditionProgram.IsNode) != 0)
            {
                // Negation keeps unknown unknown, so only the inner truth matters.
                if (program.Evaluate(index, tests) == (byte)Truth.Unknown)
                {
                    Collect(program, table, index, rule, status, tests, pairs);
                }
            }
            else if (tests[index] == (byte)Truth.Unknown && status[table.Slot[index]] == FactStatus.Missing)
            {
                pairs.Add((table.Slot[index], rule));
            }
        }
    }
}
