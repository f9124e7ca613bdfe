namespace KetCds.Engine.Internal.Kernel;

/// <summary>Builds the dense form of a validated rule set once per version: distinct tests, flattened conditions, encoded derivations.</summary>
internal sealed class KernelCompiler
{
    private readonly FactIndex _index;
    private readonly FactLayout _layout;
    private readonly Dictionary<TestKey, int> _testIds = [];

    // The distinct tests (their text left out: only boxed tests need it, to tell them apart) and the atom each came from.
    private readonly List<TestKey> _tests = [];
    private readonly List<Condition> _sources = [];
    private readonly List<bool> _isAny = [];
    private readonly List<int[]> _entries = [];
    private static readonly EntryVisitor EntryWriter = new();

    private KernelCompiler(FactIndex index, FactLayout layout)
    {
        _index = index;
        _layout = layout;
    }

    public static (TestTable Tests, ConditionProgram Program) Compile(FactIndex index, FactLayout layout, CompiledRule[] rules)
    {
        var compiler = new KernelCompiler(index, layout);
        var roots = new int[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            roots[r] = compiler.Root(rules[r].Model.When);
        }

        // Tests are numbered in slot order, so the tests of one fact are one contiguous run of truths that a fact's
        // value can overwrite at once (see SlotRows).
        var tests = compiler._tests;
        var order = new int[tests.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => tests[a].Slot != tests[b].Slot ? tests[a].Slot.CompareTo(tests[b].Slot) : a.CompareTo(b));
        var renumber = new int[order.Length];
        var sortedTests = new TestKey[order.Length];
        var sortedSources = new Condition[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            renumber[order[i]] = i;
            sortedTests[i] = tests[order[i]];
            sortedSources[i] = compiler._sources[order[i]];
        }

        compiler._tests.Clear();
        compiler._tests.AddRange(sortedTests);
        compiler._sources.Clear();
        compiler._sources.AddRange(sortedSources);
        foreach (var entries in compiler._entries)
        {
            for (var e = 0; e < entries.Length; e++)
            {
                if ((entries[e] & ConditionProgram.IsNode) == 0)
                {
                    entries[e] = (renumber[entries[e] >> 2] << 2) | (entries[e] & ConditionProgram.Negated);
                }
            }
        }

        return (compiler.BuildTests(), compiler.BuildProgram(roots));
    }

    /// <summary>A rule's condition as a node: a top-level junction is the node itself, anything else a conjunction of one.</summary>
    private int Root(Condition condition) =>
        condition is AllCondition or AnyCondition ? Entry(condition) >> 2 : Node(false, [condition]);

    private int Node(bool isAny, IReadOnlyList<Condition> items)
    {
        var entries = new int[items.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Entry(items[i]);
        }

        _isAny.Add(isAny);
        _entries.Add(entries);
        return _isAny.Count - 1;
    }

    private int Entry(Condition condition) => EntryWriter.Visit(condition, this);

    private int Test(Condition atom)
    {
        var slot = _index.Slots[ConditionFacts.FactOf(atom)];
        var kind = _layout.Kinds[slot];
        (TestKind Kind, long A, long B, decimal D, decimal E) test = (atom, kind) switch
        {
            (PresenceCondition p, _) => (TestKind.Presence, p.Present ? 1 : 0, 0, 0m, 0m),
            (_, SlotKind.Boxed) => (TestKind.Boxed, 0, 0, 0m, 0m),
            (ComparisonCondition c, SlotKind.Number) => (TestKind.NumberCompare, (long)c.Operator, 0, c.Value.Number, 0m),
            (ComparisonCondition c, _) => Compare(slot, c),
            (RangeCondition r, SlotKind.Number) => (TestKind.NumberBetween, (r.Minimum is null ? 0 : 1) | (r.Maximum is null ? 0 : 2), 0, r.Minimum?.Number ?? 0m, r.Maximum?.Number ?? 0m),
            (RangeCondition r, _) => (TestKind.Between, r.Minimum is null ? long.MinValue : FactLayout.Whole(r.Minimum.Number), r.Maximum is null ? long.MaxValue : FactLayout.Whole(r.Maximum.Number), 0m, 0m),
            (MembershipCondition m, _) => Membership(slot, m),
            _ => throw new InvalidOperationException($"unsupported condition {atom.GetType().Name}"),
        };

        // Boxed tests are told apart by their canonical text; every other test by its encoded operands.
        var key = new TestKey(slot, test.Kind, test.A, test.B, test.D, test.E, test.Kind == TestKind.Boxed ? CanonicalWriter.Render(atom) : null);
        if (!_testIds.TryGetValue(key, out var id))
        {
            id = _tests.Count;
            _tests.Add(key);
            _sources.Add(atom);
            _testIds[key] = id;
        }

        return id;
    }

    private (TestKind, long, long, decimal, decimal) Compare(int slot, ComparisonCondition c)
    {
        var a = _layout.Lane(slot, c.Value);
        return c.Operator switch
        {
            ComparisonOperator.Equal => (TestKind.Equal, a, 0, 0m, 0m),
            ComparisonOperator.NotEqual => (TestKind.NotEqual, a, 0, 0m, 0m),

            // Literals are clamped one beyond the input range, so a +/- 1 here cannot overflow.
            ComparisonOperator.LessThan => (TestKind.Between, long.MinValue, a - 1, 0m, 0m),
            ComparisonOperator.LessThanOrEqual => (TestKind.Between, long.MinValue, a, 0m, 0m),
            ComparisonOperator.GreaterThan => (TestKind.Between, a + 1, long.MaxValue, 0m, 0m),
            _ => (TestKind.Between, a, long.MaxValue, 0m, 0m),
        };
    }

    private (TestKind, long, long, decimal, decimal) Membership(int slot, MembershipCondition m)
    {
        var mask = _layout.Mask(slot, m.Symbols);
        return m.Operator switch
        {
            MembershipOperator.In or MembershipOperator.ContainsAny => (TestKind.AnyBit, mask, 0, 0m, 0m),
            MembershipOperator.NotIn or MembershipOperator.ContainsNone => (TestKind.NoBit, mask, 0, 0m, 0m),
            _ => (TestKind.AllBits, mask, 0, 0m, 0m),
        };
    }

    private TestTable BuildTests()
    {
        var count = _tests.Count;
        var order = new int[count];
        var slotStart = new int[_index.Count + 1];
        var slots = new int[count];
        var kinds = new TestKind[count];
        var a = new long[count];
        var b = new long[count];
        var d = new decimal[count];
        var e = new decimal[count];
        for (var t = 0; t < count; t++)
        {
            order[t] = t;
            (slots[t], kinds[t], a[t], b[t], d[t], e[t]) = (_tests[t].Slot, _tests[t].Kind, _tests[t].A, _tests[t].B, _tests[t].D, _tests[t].E);
            slotStart[slots[t] + 1]++;
        }

        for (var s = 0; s < _index.Count; s++)
        {
            slotStart[s + 1] += slotStart[s];
        }

        // The truth of each test on an absent fact comes from the same semantics the tracer uses, so the two cannot disagree.
        FactStatus[] statuses = [FactStatus.Missing, FactStatus.Present, FactStatus.NotDerived, FactStatus.Undecided];
        var absent = new byte[count][];
        var initial = new byte[count];
        for (var t = 0; t < count; t++)
        {
            absent[t] = new byte[statuses.Length];
            for (var s = 0; s < statuses.Length; s++)
            {
                absent[t][s] = statuses[s] == FactStatus.Present ? (byte)Truth.Unknown : (byte)ConditionSemantics.Atom(_sources[t], statuses[s], null);
            }

            initial[t] = absent[t][(int)_index.InitialStatus[slots[t]]];
        }

        return new TestTable
        {
            Count = count,
            Slot = slots,
            Kind = kinds,
            A = a,
            B = b,
            D = d,
            E = e,
            Source = [.. _sources],
            AbsentTruth = absent,
            SlotStart = slotStart,
            BySlot = order,
            Initial = initial,
        };
    }

    private ConditionProgram BuildProgram(int[] roots)
    {
        var start = new int[_entries.Count + 1];
        for (var n = 0; n < _entries.Count; n++)
        {
            start[n + 1] = start[n] + _entries[n].Length;
        }

        return new ConditionProgram
        {
            Root = roots,
            IsAny = [.. _isAny],
            Start = start,
            Entries = Flatten(_entries, start),
        };
    }

    private static int[] Flatten(List<int[]> entries, int[] start)
    {
        var flat = new int[start[entries.Count]];
        for (var n = 0; n < entries.Count; n++)
        {
            entries[n].CopyTo(flat, start[n]);
        }

        return flat;
    }

    /// <summary>A condition as a program entry: a junction becomes a node, a test its shared id, a negation flips the flag.</summary>
    private sealed class EntryVisitor : ConditionVisitor<KernelCompiler, int>
    {
        protected override int VisitAll(AllCondition all, KernelCompiler compiler) => (compiler.Node(false, all.Items) << 2) | ConditionProgram.IsNode;

        protected override int VisitAny(AnyCondition any, KernelCompiler compiler) => (compiler.Node(true, any.Items) << 2) | ConditionProgram.IsNode;

        protected override int VisitNot(NotCondition not, KernelCompiler compiler) => Visit(not.Inner, compiler) ^ ConditionProgram.Negated;

        protected override int VisitAtom(Condition atom, string fact, KernelCompiler compiler) => compiler.Test(atom) << 2;
    }
}
