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
        var edges = new List<DependencyEdge>[n];
        for (var i = 0; i < n; i++)
        {
            edges[i] = [];
        }

        var producers = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            producers[i] = [];
        }

        // Loops over ints rather than LINQ over value tuples here: such queries are generic code the JIT compiles at every
        // cold load (ReadyToRun cannot precompile it).
        var tested = new List<int>();
        var collector = new TestedSlotCollector(index, tested);
        foreach (var rule in rules)
        {
            var writes = DistinctSlots(rule.Derives);
            foreach (var slot in writes)
            {
                producers[slot].Add(rule.Index);
            }

            tested.Clear();
            collector.Visit(rule.Model.When, false);
            foreach (var code in tested)
            {
                var from = code >> 1;
                var negative = (code & 1) != 0;
                if (index.Definitions[from].Origin != FactOrigin.Derived)
                {
                    continue;
                }

                foreach (var to in writes)
                {
                    edges[from].Add(new DependencyEdge(to, negative, rule));
                }
            }

            // Facts derived by one rule complete together, so they share a stage.
            for (var i = 1; i < writes.Length; i++)
            {
                edges[writes[0]].Add(new DependencyEdge(writes[i], false, rule));
                edges[writes[i]].Add(new DependencyEdge(writes[0], false, rule));
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
            var derived = new List<int>();
            foreach (var s in components[c])
            {
                if (index.Definitions[s].Origin == FactOrigin.Derived)
                {
                    derived.Add(s);
                }
            }

            if (derived.Count == 0)
            {
                continue;
            }

            derived.Sort();
            var facts = derived.ToArray();
            var stageRules = new List<int>();
            var cyclic = false;
            foreach (var s in facts)
            {
                stageRules.AddRange(producers[s]);
                foreach (var edge in edges[s])
                {
                    cyclic |= componentOf[edge.To] == c;
                }
            }

            stages.Add(new EvaluationStage(Ranked(Distinct(stageRules), rules), facts, cyclic));
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

        var ranked = new (int Rule, TypedValue Value)[n][];
        for (var slot = 0; slot < n; slot++)
        {
            var order = Ranked(producers[slot].ToArray(), rules);
            ranked[slot] = new (int Rule, TypedValue Value)[order.Length];
            for (var i = 0; i < order.Length; i++)
            {
                ranked[slot][i] = (order[i], FirstValue(rules[order[i]].Derives, slot));
            }
        }

        var guardSlots = new int[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            guardSlots[r] = rules[r].GuardSlot;
        }

        return new EvaluationPlan(
            [.. stages],
            [.. unguarded],
            guarded.Select(g => g?.ToArray()).ToArray(),
            producers.Select(p => p.ToArray()).ToArray(),
            ranked,
            guardSlots);
    }

    /// <summary>The slots a rule derives, each once, in the order of its actions.</summary>
    private static int[] DistinctSlots((int Slot, TypedValue Value)[] derives)
    {
        var slots = new List<int>(derives.Length);
        foreach (var (slot, _) in derives)
        {
            if (!slots.Contains(slot))
            {
                slots.Add(slot);
            }
        }

        return [.. slots];
    }

    /// <summary>The rule indices ascending, each once.</summary>
    private static int[] Distinct(List<int> indices)
    {
        indices.Sort();
        var distinct = new List<int>(indices.Count);
        foreach (var index in indices)
        {
            if (distinct.Count == 0 || distinct[^1] != index)
            {
                distinct.Add(index);
            }
        }

        return [.. distinct];
    }

    /// <summary>Rule indices in rank order: priority, highest first, then index (a total order, so any sort gives it).</summary>
    private static int[] Ranked(int[] indices, CompiledRule[] rules)
    {
        Array.Sort(indices, (a, b) =>
        {
            var order = rules[b].Model.Priority.CompareTo(rules[a].Model.Priority);
            return order != 0 ? order : a.CompareTo(b);
        });
        return indices;
    }

    /// <summary>The value of the first derivation of <paramref name="slot"/> among <paramref name="derives"/>.</summary>
    private static TypedValue FirstValue((int Slot, TypedValue Value)[] derives, int slot)
    {
        foreach (var (s, value) in derives)
        {
            if (s == slot)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"slot {slot} is not derived by this rule");
    }

    private static void ReportNegativeCycles(
        List<DependencyEdge>[] edges,
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

    private static List<List<int>> StronglyConnected(List<DependencyEdge>[] edges, int n)
    {
        // Iterative Tarjan: rule sets can be deep enough that recursion would risk the stack.
        var indexOf = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(indexOf, -1);
        // Stacks as arrays, not Stack<int>: generic code over ints and tuples that ReadyToRun cannot precompile. Each node
        // enters the component stack once, and the work stack holds at most one resumption per node plus one node to enter.
        var stack = new int[n];
        var stackCount = 0;
        var result = new List<List<int>>();
        var counter = 0;
        var workNode = new int[n + 1];
        var workEdge = new int[n + 1];
        var workCount = 0;

        for (var start = 0; start < n; start++)
        {
            if (indexOf[start] >= 0)
            {
                continue;
            }

            workNode[workCount] = start;
            workEdge[workCount++] = 0;
            while (workCount > 0)
            {
                workCount--;
                var (node, edge) = (workNode[workCount], workEdge[workCount]);
                if (edge == 0)
                {
                    indexOf[node] = low[node] = counter++;
                    stack[stackCount++] = node;
                    onStack[node] = true;
                }

                var descended = false;
                for (var e = edge; e < edges[node].Count; e++)
                {
                    var next = edges[node][e].To;
                    if (indexOf[next] < 0)
                    {
                        workNode[workCount] = node;
                        workEdge[workCount++] = e + 1;
                        workNode[workCount] = next;
                        workEdge[workCount++] = 0;
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
                        member = stack[--stackCount];
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }

                if (workCount > 0)
                {
                    var parent = workNode[workCount - 1];
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }
}
