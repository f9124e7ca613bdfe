namespace KetCds.Engine.Internal;

/// <summary>
/// Orders derivation by the dependencies between derived facts (stratification) and rejects any cycle that
/// runs through a negative test, which would make the result depend on evaluation order.
/// </summary>
internal static class DependencyAnalyzer
{
    public static EvaluationPlan Plan(CompiledRule[] rules, FactIndex index, List<ModelError> errors)
    {
        var n = index.Count;
        var edges = new List<(int To, bool Negative, CompiledRule Rule)>[n];
        for (var i = 0; i < n; i++)
        {
            edges[i] = [];
        }

        var producers = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            producers[i] = [];
        }

        foreach (var rule in rules)
        {
            var writes = rule.Derives.Select(d => d.Slot).Distinct().ToArray();
            foreach (var slot in writes)
            {
                producers[slot].Add(rule.Index);
            }

            foreach (var (fact, negative) in ConditionFacts.Tested(rule.Model.When))
            {
                var from = index.Slots[fact];
                if (index.Definitions[from].Origin != FactOrigin.Derived)
                {
                    continue;
                }

                foreach (var to in writes)
                {
                    edges[from].Add((to, negative, rule));
                }
            }

            // Facts derived by one rule complete together, so they share a stage.
            for (var i = 1; i < writes.Length; i++)
            {
                edges[writes[0]].Add((writes[i], false, rule));
                edges[writes[i]].Add((writes[0], false, rule));
            }
        }

        var components = StronglyConnected(edges, n);
        var componentOf = new int[n];
        for (var c = 0; c < components.Count; c++)
        {
            foreach (var slot in components[c])
            {
                componentOf[slot] = c;
            }
        }

        ReportNegativeCycles(edges, components, componentOf, index, errors);

        var stages = new List<EvaluationStage>();

        // Tarjan yields components in reverse topological order.
        for (var c = components.Count - 1; c >= 0; c--)
        {
            var facts = components[c].Where(s => index.Definitions[s].Origin == FactOrigin.Derived).Order().ToArray();
            if (facts.Length == 0)
            {
                continue;
            }

            var stageRules = facts.SelectMany(s => producers[s]).Distinct().Select(r => rules[r])
                .OrderByDescending(r => r.Model.Priority).ThenBy(r => r.Index).Select(r => r.Index).ToArray();
            var cyclic = facts.Any(s => edges[s].Any(e => componentOf[e.To] == c));
            stages.Add(new EvaluationStage(stageRules, facts, cyclic));
        }

        var unguarded = new List<int>();
        var guarded = new List<int>?[n];
        foreach (var rule in rules.Where(r => r.Derives.Length == 0))
        {
            if (rule.GuardSlot < 0)
            {
                unguarded.Add(rule.Index);
            }
            else
            {
                (guarded[rule.GuardSlot] ??= []).Add(rule.Index);
            }
        }

        return new EvaluationPlan(
            [.. stages],
            [.. unguarded],
            guarded.Select(g => g?.ToArray()).ToArray(),
            producers.Select(p => p.ToArray()).ToArray(),
            producers.Select((p, slot) => p.Select(r => rules[r])
                .OrderByDescending(r => r.Model.Priority).ThenBy(r => r.Index)
                .Select(r => (r.Index, r.Derives.First(d => d.Slot == slot).Value)).ToArray()).ToArray(),
            [.. rules.Select(r => r.GuardSlot)]);
    }

    private static void ReportNegativeCycles(
        List<(int To, bool Negative, CompiledRule Rule)>[] edges,
        List<List<int>> components,
        int[] componentOf,
        FactIndex index,
        List<ModelError> errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var from = 0; from < edges.Length; from++)
        {
            foreach (var (to, negative, rule) in edges[from])
            {
                if (!negative || componentOf[from] != componentOf[to] || !reported.Add(rule.Model.Id))
                {
                    continue;
                }

                var cycle = string.Join(" -> ", components[componentOf[from]].Order().Select(s => index.Definitions[s].Name));
                errors.Add(new ModelError(
                    ModelErrorCodes.NegativeCycle,
                    $"rule '{rule.Model.Id}' tests '{index.Definitions[from].Name}' negatively, but '{index.Definitions[from].Name}' depends on what this rule derives (cycle through {cycle}); break the cycle or test a fact derived earlier",
                    rule.Model.Location));
            }
        }
    }

    private static List<List<int>> StronglyConnected(List<(int To, bool Negative, CompiledRule Rule)>[] edges, int n)
    {
        // Iterative Tarjan: rule sets can be deep enough that recursion would risk the stack.
        var indexOf = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(indexOf, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var counter = 0;
        var work = new Stack<(int Node, int Edge)>();

        for (var start = 0; start < n; start++)
        {
            if (indexOf[start] >= 0)
            {
                continue;
            }

            work.Push((start, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    indexOf[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var descended = false;
                for (var e = edge; e < edges[node].Count; e++)
                {
                    var next = edges[node][e].To;
                    if (indexOf[next] < 0)
                    {
                        work.Push((node, e + 1));
                        work.Push((next, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[next])
                    {
                        low[node] = Math.Min(low[node], indexOf[next]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[node] == indexOf[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }
}
