namespace KetCds.Engine.Internal.Kernel;

/// <summary>Builds the dense form of a validated rule set once per version: distinct tests, flattened conditions, encoded derivations.</summary>
internal sealed class KernelCompiler
{
    private readonly FactIndex _index;
    private readonly FactLayout _layout;
    private readonly Dictionary<(int Slot, TestKind Kind, long A, long B, decimal D, decimal E, string? Text), int> _testIds = [];
    private readonly List<(int Slot, TestKind Kind, long A, long B, decimal D, decimal E, Condition Source)> _tests = [];
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
        var roots = rules.Select(r => compiler.Root(r.Model.When)).ToArray();

        // Tests are numbered in slot order, so the tests of one fact are one contiguous run of truths that a fact's
        // value can overwrite at once (see SlotRows).
        var order = Enumerable.Range(0, compiler._tests.Count).OrderBy(i => compiler._tests[i].Slot).ThenBy(i => i).ToArray();
        var renumber = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            renumber[order[i]] = i;
        }

        var sorted = order.Select(i => compiler._tests[i]).ToList();
        compiler._tests.Clear();
        compiler._tests.AddRange(sorted);
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

    private int Node(bool isAny, IEnumerable<Condition> items)
    {
        var entries = items.Select(Entry).ToArray();
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
        var key = (slot, test.Kind, test.A, test.B, test.D, test.E, test.Kind == TestKind.Boxed ? CanonicalWriter.Render(atom) : null);
        if (!_testIds.TryGetValue(key, out var id))
        {
            id = _tests.Count;
            _tests.Add((slot, test.Kind, test.A, test.B, test.D, test.E, atom));
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
        var order = Enumerable.Range(0, count).ToArray();
        var slotStart = new int[_index.Count + 1];
        foreach (var test in _tests)
        {
            slotStart[test.Slot + 1]++;
        }

        for (var s = 0; s < _index.Count; s++)
        {
            slotStart[s + 1] += slotStart[s];
        }

        // The truth of each test on an absent fact comes from the same semantics the tracer uses, so the two cannot disagree.
        FactStatus[] statuses = [FactStatus.Missing, FactStatus.Present, FactStatus.NotDerived, FactStatus.Undecided];
        var absent = _tests.Select(t => statuses.Select(s => s == FactStatus.Present ? (byte)Truth.Unknown : (byte)ConditionSemantics.Atom(t.Source, s, null)).ToArray()).ToArray();
        return new TestTable
        {
            Count = count,
            Slot = [.. _tests.Select(t => t.Slot)],
            Kind = [.. _tests.Select(t => t.Kind)],
            A = [.. _tests.Select(t => t.A)],
            B = [.. _tests.Select(t => t.B)],
            D = [.. _tests.Select(t => t.D)],
            E = [.. _tests.Select(t => t.E)],
            Source = [.. _tests.Select(t => t.Source)],
            AbsentTruth = absent,
            SlotStart = slotStart,
            BySlot = order,
            Initial = [.. _tests.Select((t, i) => absent[i][(int)_index.InitialStatus[t.Slot]])],
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
            Entries = [.. _entries.SelectMany(e => e)],
        };
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
