namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// The compiled matcher: forward chaining to a fixed point, stage by stage, over the dense layout. Each distinct test
/// is evaluated when its fact gets its value (or its final status), conditions are Kleene min/max over test truths,
/// and nothing is allocated: all working memory lives in a reused <see cref="KernelState"/>.
/// </summary>
internal sealed class Kernel
{
    private readonly CompiledRule[] _rules;
    private readonly EvaluationPlan _plan;
    private readonly FactIndex _index;
    private readonly (int Slot, TypedValue Value, long Lane, decimal Number)[][] _derives;
    private readonly (int Test, int[] Rules)[]?[] _guardedEmitters;

    public Kernel(CompiledRule[] rules, EvaluationPlan plan, FactIndex index)
    {
        _rules = rules;
        _plan = plan;
        _index = index;
        Layout = new FactLayout(index);
        (Tests, Program) = KernelCompiler.Compile(index, Layout, rules);
        _derives = [.. rules.Select(r => r.Derives.Select(d => (d.Slot, d.Value, Layout.Lane(d.Slot, d.Value), d.Value.Number)).ToArray())];
        GuardTests = [.. rules.Select(r => GuardTest(r.Index, r.GuardSlot))];

        // Emitters indexed by their guard test within their guard slot: a bucket is looked at only when its test is true.
        _guardedEmitters = new (int Test, int[] Rules)[]?[index.Count];
        for (var slot = 0; slot < index.Count; slot++)
        {
            if (plan.GuardedEmitters[slot] is { } bucket)
            {
                _guardedEmitters[slot] = [.. bucket.GroupBy(r => GuardTests[r]).OrderBy(g => g.Key).Select(g => (g.Key, g.ToArray()))];
            }
        }

        Pool = new StatePool(CreateState);
    }

    /// <summary>
    /// Per rule, the test of its guard conjunct (the first input tested positively at the top level), or -1: while it is
    /// not true the rule cannot fire, so it is not evaluated and its truth stays Skipped.
    /// </summary>
    public int[] GuardTests { get; }

    public FactLayout Layout { get; }

    public TestTable Tests { get; }

    public ConditionProgram Program { get; }

    public StatePool Pool { get; }

    public KernelState CreateState() => new(_index.Count, Tests.Count, _rules.Length);

    /// <summary>Clears the working memory for a new evaluation: inputs missing, derived facts not derived, tests at their start truths.</summary>
    public void Reset(KernelState state)
    {
        var facts = state.Facts;
        _index.InitialStatus.AsSpan().CopyTo(facts.Status);
        Array.Clear(facts.Values);
        Array.Clear(facts.SetBy);
        Tests.Initial.AsSpan().CopyTo(state.Tests);
        Array.Clear(state.Truth);
        state.FiringCount = 0;
    }

    /// <summary>Sets an input fact already checked against its declaration, and evaluates the tests on it.</summary>
    public void SetInput(KernelState state, int slot, TypedValue value, long lane, decimal number)
    {
        state.Facts.Values[slot] = value;
        state.Facts.Status[slot] = FactStatus.Present;
        state.Lanes[slot] = lane;
        state.Numbers[slot] = number;
        Retest(state, slot);
    }

    /// <summary>Runs the stages, then the emitters, to a fixed point.</summary>
    public void Run(KernelState state, int maxFirings, CancellationToken cancellation)
    {
        var run = new Chaining(this, state, maxFirings, cancellation);
        run.Stages();
        run.Emitters();
    }

    /// <summary>The truth of rule <paramref name="rule"/>'s condition over the current test truths.</summary>
    public Truth Evaluate(int rule, byte[] tests) => (Truth)Program.Evaluate(Program.Root[rule], tests);

    /// <summary>Re-evaluates every test on <paramref name="slot"/> after its status or value changed.</summary>
    public void Retest(KernelState state, int slot)
    {
        var tests = Tests;
        var truths = state.Tests;
        var status = state.Facts.Status[slot];
        var end = tests.SlotStart[slot + 1];
        if (status != FactStatus.Present)
        {
            for (var i = tests.SlotStart[slot]; i < end; i++)
            {
                var test = tests.BySlot[i];
                truths[test] = tests.AbsentTruth[test][(int)status];
            }

            return;
        }

        var lane = state.Lanes[slot];
        for (var i = tests.SlotStart[slot]; i < end; i++)
        {
            var test = tests.BySlot[i];
            truths[test] = Holds(test, lane, state, slot);
        }
    }

    /// <summary>Rebuilds the test truths of a finished fact state that came from elsewhere (not from this kernel's run).</summary>
    public byte[] TestsOf(FactState facts)
    {
        var state = CreateState();
        for (var slot = 0; slot < _index.Count; slot++)
        {
            state.Facts.Status[slot] = facts.Status[slot];
            if (facts.Status[slot] == FactStatus.Present)
            {
                var value = facts.Values[slot]!;
                state.Facts.Values[slot] = value;
                state.Lanes[slot] = Layout.Lane(slot, value);
                state.Numbers[slot] = value.Number;
            }

            Retest(state, slot);
        }

        return state.Tests;
    }

    private int GuardTest(int rule, int guardSlot)
    {
        if (guardSlot < 0)
        {
            return -1;
        }

        // The guard is the first top-level conjunct that compares, ranges or tests membership of an input fact.
        var root = Program.Root[rule];
        if (Program.IsAny[root] && Program.Start[root + 1] - Program.Start[root] > 1)
        {
            return -1;
        }

        for (var i = Program.Start[root]; i < Program.Start[root + 1]; i++)
        {
            var entry = Program.Entries[i];
            var test = entry >> 2;
            if ((entry & (ConditionProgram.IsNode | ConditionProgram.Negated)) == 0
                && Tests.Kind[test] != TestKind.Presence
                && _index.Definitions[Tests.Slot[test]].Origin == FactOrigin.Input)
            {
                return Tests.Slot[test] == guardSlot ? test : -1;
            }
        }

        return -1;
    }

    private byte Holds(int test, long lane, KernelState state, int slot)
    {
        var tests = Tests;
        var a = tests.A[test];
        var holds = tests.Kind[test] switch
        {
            TestKind.Presence => a == 1,
            TestKind.Equal => lane == a,
            TestKind.NotEqual => lane != a,
            TestKind.Between => lane >= a && lane <= tests.B[test],
            TestKind.AnyBit => (lane & a) != 0,
            TestKind.NoBit => (lane & a) == 0,
            TestKind.AllBits => (lane & a) == a,
            TestKind.NumberCompare => CompareNumber((ComparisonOperator)a, state.Numbers[slot], tests.D[test]),
            TestKind.NumberBetween => ((a & 1) == 0 || state.Numbers[slot] >= tests.D[test]) && ((a & 2) == 0 || state.Numbers[slot] <= tests.E[test]),
            _ => ConditionSemantics.Atom(tests.Source[test], FactStatus.Present, state.Facts.Values[slot]) == Truth.True,
        };
        return holds ? (byte)Truth.True : (byte)Truth.False;
    }

    private static bool CompareNumber(ComparisonOperator op, decimal value, decimal literal) => op switch
    {
        ComparisonOperator.Equal => value == literal,
        ComparisonOperator.NotEqual => value != literal,
        ComparisonOperator.LessThan => value < literal,
        ComparisonOperator.LessThanOrEqual => value <= literal,
        ComparisonOperator.GreaterThan => value > literal,
        _ => value >= literal,
    };

    /// <summary>One evaluation's control state, on the stack.</summary>
    private ref struct Chaining(Kernel kernel, KernelState state, int maxFirings, CancellationToken cancellation)
    {
        private readonly Kernel _kernel = kernel;
        private readonly KernelState _state = state;
        private readonly FactStatus[] _status = state.Facts.Status;
        private readonly RuleTruth[] _truth = state.Truth;
        private readonly byte[] _tests = state.Tests;
        private readonly int _maxFirings = maxFirings;
        private readonly CancellationToken _cancellation = cancellation;
        private int _sinceCheck;

        public void Stages()
        {
            foreach (var stage in _kernel._plan.Stages)
            {
                if (stage.Cyclic)
                {
                    CyclicStage(stage);
                }
                else
                {
                    foreach (var rule in stage.Rules)
                    {
                        if (!Skip(rule))
                        {
                            Consider(rule);
                        }
                    }
                }

                Settle(stage);
            }
        }

        public void Emitters()
        {
            foreach (var rule in _kernel._plan.UnguardedEmitters)
            {
                Consider(rule);
            }

            var guarded = _kernel._guardedEmitters;
            for (var slot = 0; slot < guarded.Length; slot++)
            {
                var buckets = guarded[slot];
                if (buckets is null || _status[slot] != FactStatus.Present)
                {
                    // Their truth stays Skipped, the array's zero value.
                    continue;
                }

                foreach (var (test, rules) in buckets)
                {
                    if (test >= 0 && _tests[test] != (byte)Truth.True)
                    {
                        // A false guard conjunct makes the rule false: not evaluated, Skipped like a missing guard.
                        continue;
                    }

                    foreach (var rule in rules)
                    {
                        Consider(rule);
                    }
                }
            }
        }

        private void CyclicStage(EvaluationStage stage)
        {
            // Positive-only cycles are monotonic: repeat until a pass fires nothing; then re-run while any fact
            // turns from "not derived" to "undecided", since that can only make more rules undecided.
            while (true)
            {
                var fired = true;
                while (fired)
                {
                    fired = false;
                    foreach (var rule in stage.Rules)
                    {
                        if (_truth[rule] != RuleTruth.Fired && !Skip(rule) && Consider(rule))
                        {
                            fired = true;
                        }
                    }
                }

                if (!Settle(stage))
                {
                    return;
                }

                foreach (var rule in stage.Rules)
                {
                    if (_truth[rule] != RuleTruth.Fired && !Skip(rule))
                    {
                        Consider(rule);
                    }
                }
            }
        }

        /// <summary>Marks the stage's underived facts as unknown when a producer was undecided; returns whether any changed.</summary>
        private bool Settle(EvaluationStage stage)
        {
            var changed = false;
            foreach (var slot in stage.Facts)
            {
                if (_status[slot] == FactStatus.NotDerived && AnyProducerUnknown(_kernel._plan.Producers[slot]))
                {
                    _status[slot] = FactStatus.Undecided;
                    _kernel.Retest(_state, slot);
                    changed = true;
                }
            }

            return changed;
        }

        private bool AnyProducerUnknown(int[] producers)
        {
            foreach (var producer in producers)
            {
                if (_truth[producer] == RuleTruth.Unknown)
                {
                    return true;
                }
            }

            // A skipped producer cannot fire but may still be unknown rather than false; it is evaluated only here,
            // when its fact ended underived and no evaluated producer was unknown, so most are never evaluated.
            foreach (var producer in producers)
            {
                if (_truth[producer] == RuleTruth.Skipped && _kernel.Evaluate(producer, _tests) == Truth.Unknown)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a rule's guard input is missing or its guard test not true: it cannot fire, so it is not evaluated and stays Skipped.</summary>
        private readonly bool Skip(int rule)
        {
            var guard = _kernel.GuardTests[rule];
            return guard >= 0 ? _tests[guard] != (byte)Truth.True : _kernel._plan.GuardSlots[rule] >= 0 && _status[_kernel._plan.GuardSlots[rule]] != FactStatus.Present;
        }

        private bool Consider(int rule)
        {
            if (++_sinceCheck >= 64)
            {
                _sinceCheck = 0;
                _cancellation.ThrowIfCancellationRequested();
            }

            var truth = _kernel.Evaluate(rule, _tests);
            if (truth != Truth.True)
            {
                _truth[rule] = truth == Truth.Unknown ? RuleTruth.Unknown : RuleTruth.False;
                return false;
            }

            var count = _state.FiringCount;
            if (count >= _maxFirings)
            {
                throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {_maxFirings} rule firings");
            }

            if (count == _state.Firings.Length)
            {
                var grown = new int[count * 2];
                _state.Firings.AsSpan().CopyTo(grown);
                _state.Firings = grown;
            }

            _truth[rule] = RuleTruth.Fired;
            _state.Firings[count] = rule;
            _state.FiringCount = count + 1;
            foreach (var (slot, value, lane, number) in _kernel._derives[rule])
            {
                // Single assignment: the first (highest-priority) derivation decides and later ones are recorded only as
                // firings; a fact already undecided because a conflict could not be settled stays undecided.
                if (_status[slot] != FactStatus.NotDerived)
                {
                    continue;
                }

                if (OutrankedByUnknown(rule, slot, value))
                {
                    _status[slot] = FactStatus.Undecided;
                }
                else
                {
                    _state.Facts.Values[slot] = value;
                    _state.Lanes[slot] = lane;
                    _state.Numbers[slot] = number;
                    _status[slot] = FactStatus.Present;
                    _state.Facts.SetBy[slot] = count + 1;
                }

                _kernel.Retest(_state, slot);
            }

            return true;
        }

        /// <summary>
        /// Whether a producer ranked above <paramref name="rule"/> whose condition is unknown would derive a different
        /// value: the missing data could overturn the derivation, so the fact is undecided.
        /// </summary>
        private readonly bool OutrankedByUnknown(int rule, int slot, TypedValue value)
        {
            foreach (var (producer, derives) in _kernel._plan.RankedProducers[slot])
            {
                if (producer == rule)
                {
                    return false;
                }

                if (ReferenceEquals(derives, value) || derives.Equals(value))
                {
                    continue;
                }

                // Higher-ranked producers run first in the stage; one still Skipped had its guard missing, so it is false or unknown.
                var truth = _truth[producer];
                if (truth == RuleTruth.Unknown || (truth == RuleTruth.Skipped && _kernel.Evaluate(producer, _tests) == Truth.Unknown))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
