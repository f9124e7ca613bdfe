namespace KetCds.Engine.Internal.Kernel;

/// <summary>The data requests of the rules that fired, in the order results give them: by fact, then rule id, then written order.</summary>
internal static class DataRequestCollector
{
    public static DataRequest[] Collect(CompiledRuleSet ruleSet, ReadOnlySpan<int> firings)
    {
        var rules = ruleSet.Rules;
        var count = 0;
        foreach (var index in firings)
        {
            count += rules[index].Requests.Length;
        }

        if (count == 0)
        {
            return [];
        }

        var requests = new DataRequest[count];
        var n = 0;
        foreach (var index in firings)
        {
            foreach (var request in rules[index].Requests)
            {
                requests[n++] = request;
            }
        }

        // One rule's requests for one fact keep their written order: both sorts are stable. Lists are usually a few
        // entries long, where an insertion sort allocates nothing.
        if (count > 32)
        {
            var order = new int[count];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) =>
            {
                var byRule = Compare(requests[a], requests[b]);
                return byRule != 0 ? byRule : a.CompareTo(b);
            });
            return [.. order.Select(i => requests[i])];
        }

        for (var i = 1; i < count; i++)
        {
            var item = requests[i];
            var j = i - 1;
            while (j >= 0 && Compare(requests[j], item) > 0)
            {
                requests[j + 1] = requests[j];
                j--;
            }

            requests[j + 1] = item;
        }

        return requests;
    }

    private static int Compare(DataRequest a, DataRequest b)
    {
        var byFact = string.CompareOrdinal(a.Fact, b.Fact);
        return byFact != 0 ? byFact : string.CompareOrdinal(a.RuleId, b.RuleId);
    }
}
