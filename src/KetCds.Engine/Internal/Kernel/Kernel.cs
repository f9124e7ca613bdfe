using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    // The derivations again, flat: rule r's are [_deriveStart[r], _deriveStart[r + 1]). Firing reads these rather than
    // a separate array per rule, which at thousands of rules is a cache miss per firing.
    private readonly int[] _deriveStart;

    // Per derivation, those producers (ranked above its rule, deriving another value), flat: derivation d's are
    // _rivals[_rivalStart[d].._rivalStart[d + 1]]. Deciding a contested derivation then reads rule truths only, where
    // walking the ranked producers compared derived values (record equality) at every firing.
    private readonly int[] _rivalStart;
    private readonly int[] _rivals;

    // Per derivation, the truths its slot's tests take once the fact holds the derived constant, computed at load by the
    // run's own retest: derivation d's are _deriveTruths[_derivations[d].TruthStart..], as many as the slot has tests. A firing
    // then copies them instead of retesting (a lookup by slot kind, a row search and a copy, which was the largest part
    // of the derivations' cost at 10,000 rules).
    private readonly byte[] _deriveTruths;

    // Per derivation, what a firing reads (slot, constant, lanes, precomputed truths, contested), in one record.
    private readonly Derivation[] _derivations;

    // Per derived slot, its producers flat: slot s's are _producers[_producerStart[s].._producerStart[s + 1]], so settling
    // hundreds of facts reads one array rather than one per fact.
    private readonly int[] _producerStart;
    private readonly int[] _producers;

    // The guarded emitters flat, in the order the compiled code runs them: bucket b is slot _bucketSlot[b] with guard
    // test _bucketTest[b] (-1: presence alone) and rules _bucketRules[_bucketStart[b].._bucketStart[b + 1]].
    private readonly int[] _bucketSlot;
    private readonly int[] _bucketTest;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketRules;

    // Per rule, its condition as at most four clauses of at most two literals each (Kleene min of max), padded by
    // repeating literals (min and max are idempotent), so it evaluates without a branch: a random truth pattern
    // would mispredict a branch per test. Literal = (test << 1) | negated. _clausal[r] is false when it does not fit.
    private readonly int[] _clauses;
    private readonly bool[] _clausal;

    // The guarded emitters' clause forms again, in bucket order, so the emitter loop reads them sequentially instead of
    // jumping about a table of every rule (a cache miss per rule at thousands of rules).
    private readonly int[] _bucketClauses;
    private const int ClauseSlots = ClauseForm.Slots;

    /// <summary>Rule sets up to this size compile their code while loading; larger ones in the background (see <see cref="WhenCompiled"/>).</summary>
    private const int SynchronousCompileLimit = 1_000;

    // Settling from the no-input run (see SettleFact): per derived slot of an acyclic stage, Undecided when it ended so
    // with no input and can be shown so again by the producer that proved it then (else Present: no shortcut), and
    // the slots that producer reads: _settleDeps[_settleDepStart[s].._settleDepStart[s + 1]]; _noInputStatus is
    // every slot's status at the end of that run.
    private readonly FactStatus[] _settleKnown;
    private readonly int[] _settleDepStart;
    private readonly int[] _settleDeps;
    private readonly FactStatus[] _noInputStatus;

    // Starting from the no-input run (see Reset and StageSlots): its test truths, and its rule truths for the stages'
    // rules (emitters Skipped, as at the start of a run); null when the rule set does not qualify (a rule of a stage
    // fired with no input, or a stage reads a fact of a later one), and then every evaluation starts from scratch.
    private readonly byte[]? _noInputTests;
    private readonly RuleTruth[]? _noInputTruth;
    private readonly bool _noInputTruthSkipped;

    private readonly Lazy<Task> _compiling;
    private volatile KernelCode? _code;

    /// <summary>Rule sets with fewer stages run every stage: a step per stage and the trigger walk cost more than they save there.</summary>
    private const int MinStagesToSkip = 64;

    /// <param name="rules">The compiled rules.</param>
    /// <param name="plan">Their stages and emitters.</param>
    /// <param name="index">The facts.</param>
    /// <param name="skipStages">Whether evaluations may start from the no-input run and skip stages (see <see cref="SkipsStages"/>); by default, when the rule set has at least <see cref="MinStagesToSkip"/> stages. Tests force it on small sets.</param>
    public Kernel(CompiledRule[] rules, EvaluationPlan plan, FactIndex index, bool? skipStages = null)
    {
        _rules = rules;
        _plan = plan;
        _index = index;
        Layout = new FactLayout(index);
        (Tests, Program) = KernelCompiler.Compile(index, Layout, rules);
        Rows = new SlotRows(Tests, Layout);
        // Loops rather than LINQ over value tuples: ReadyToRun cannot precompile those generic instantiations, so every
        // cold load JIT-compiled them (CompiledLayoutPropertyTests keeps the queries as the reference).
        var derives = new (int Slot, TypedValue Value, long Lane, decimal Number)[rules.Length][];
        _deriveStart = new int[rules.Length + 1];
        for (var r = 0; r < rules.Length; r++)
        {
            var ruleDerives = rules[r].Derives;
            var row = new (int Slot, TypedValue Value, long Lane, decimal Number)[ruleDerives.Length];
            for (var i = 0; i < ruleDerives.Length; i++)
            {
                var (slot, value) = ruleDerives[i];
                row[i] = (slot, value, Layout.Lane(slot, value), value.Number);
            }

            derives[r] = row;
            _deriveStart[r + 1] = _deriveStart[r] + ruleDerives.Length;
        }

        var derivations = _deriveStart[rules.Length];
        var deriveSlot = new int[derivations];
        var deriveValue = new TypedValue[derivations];
        var deriveLane = new long[derivations];
        var deriveNumber = new decimal[derivations];
        for (var r = 0; r < rules.Length; r++)
        {
            for (var i = 0; i < derives[r].Length; i++)
            {
                var d = _deriveStart[r] + i;
                (deriveSlot[d], deriveValue[d], deriveLane[d], deriveNumber[d]) = derives[r][i];
            }
        }

        // A derivation's rivals: the fact's producers ranked above the rule that derive another value; it is contested
        // (can be outranked) only when it has one.
        var deriveContested = new bool[derivations];
        _rivalStart = new int[derivations + 1];
        var rivals = new List<int>();
        for (var r = 0; r < rules.Length; r++)
        {
            for (var d = _deriveStart[r]; d < _deriveStart[r + 1]; d++)
            {
                var value = deriveValue[d];
                foreach (var (producer, derived) in plan.RankedProducers[deriveSlot[d]])
                {
                    if (producer == r)
                    {
                        break;
                    }

                    if (!(ReferenceEquals(derived, value) || derived.Equals(value)))
                    {
                        rivals.Add(producer);
                    }
                }

                _rivalStart[d + 1] = rivals.Count;
                deriveContested[d] = _rivalStart[d + 1] > _rivalStart[d];
            }
        }

        _rivals = [.. rivals];
        var deriveTruthStart = new int[derivations];
        var truths = new List<byte>();
        var scratch = new KernelState(index.Count, Tests.Count, 0);
        for (var d = 0; d < derivations; d++)
        {
            deriveTruthStart[d] = truths.Count;
            truths.AddRange(TruthsWhenPresent(scratch, deriveSlot[d], deriveValue[d]));
        }

        _deriveTruths = [.. truths];
        _derivations = new Derivation[derivations];
        for (var d = 0; d < derivations; d++)
        {
            var slot = deriveSlot[d];
            _derivations[d] = new Derivation(deriveValue[d], deriveNumber[d], deriveLane[d], slot, Tests.SlotStart[slot], Tests.SlotStart[slot + 1] - Tests.SlotStart[slot], deriveTruthStart[d], deriveContested[d]);
        }

        _producerStart = new int[index.Count + 1];
        for (var slot = 0; slot < index.Count; slot++)
        {
            _producerStart[slot + 1] = _producerStart[slot] + plan.Producers[slot].Length;
        }

        _producers = new int[_producerStart[index.Count]];
        for (var slot = 0; slot < index.Count; slot++)
        {
            plan.Producers[slot].CopyTo(_producers, _producerStart[slot]);
        }

        GuardTests = new int[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            GuardTests[r] = GuardTest(rules[r].Index, rules[r].GuardSlot);
        }

        // Emitters indexed by their guard test within the guard test's slot (a bucket is looked at only when its test is
        // true); an emitter with no guard test stays under its guard slot, looked at whenever that slot is present.
        var emitterSlot = new int[rules.Length];
        Array.Fill(emitterSlot, -1);
        for (var slot = 0; slot < index.Count; slot++)
        {
            foreach (var rule in plan.GuardedEmitters[slot] ?? [])
            {
                emitterSlot[rule] = GuardTests[rule] >= 0 ? Tests.Slot[GuardTests[rule]] : slot;
            }
        }

        var bySlot = new List<int>?[index.Count];
        for (var r = 0; r < rules.Length; r++)
        {
            if (emitterSlot[r] >= 0)
            {
                (bySlot[emitterSlot[r]] ??= []).Add(r);
            }
        }

        // Buckets in ascending test order, rules within a bucket in ascending order.
        GuardedEmitters = new (int Test, int[] Rules)[]?[index.Count];
        var bucketSlots = new List<int>();
        var bucketTests = new List<int>();
        var bucketStarts = new List<int> { 0 };
        var bucketRules = new List<int>();
        var guardTests = GuardTests;
        Comparison<int> byTestThenRule = (x, y) => guardTests[x] != guardTests[y] ? guardTests[x].CompareTo(guardTests[y]) : x.CompareTo(y);
        for (var slot = 0; slot < index.Count; slot++)
        {
            if (bySlot[slot] is not { } emitters)
            {
                continue;
            }

            emitters.Sort(byTestThenRule);
            var slotBuckets = new List<(int Test, int[] Rules)>();
            for (var i = 0; i < emitters.Count;)
            {
                var end = i + 1;
                while (end < emitters.Count && guardTests[emitters[end]] == guardTests[emitters[i]])
                {
                    end++;
                }

                var group = emitters.GetRange(i, end - i).ToArray();
                slotBuckets.Add((guardTests[emitters[i]], group));
                bucketSlots.Add(slot);
                bucketTests.Add(guardTests[emitters[i]]);
                bucketRules.AddRange(group);
                bucketStarts.Add(bucketRules.Count);
                i = end;
            }

            GuardedEmitters[slot] = [.. slotBuckets];
        }

        _bucketSlot = [.. bucketSlots];
        _bucketTest = [.. bucketTests];
        _bucketStart = [.. bucketStarts];
        _bucketRules = [.. bucketRules];

        // Most conditions fit the clause form; those that do not are evaluated through the program.
        _clauses = new int[rules.Length * ClauseSlots];
        _clausal = new bool[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            _clausal[r] = ClauseForm.TryWrite(Program, Program.Root[r], _clauses.AsSpan(r * ClauseSlots, ClauseSlots));
        }

        _bucketClauses = new int[_bucketRules.Length * ClauseSlots];
        for (var i = 0; i < _bucketRules.Length; i++)
        {
            _clauses.AsSpan(_bucketRules[i] * ClauseSlots, ClauseSlots).CopyTo(_bucketClauses.AsSpan(i * ClauseSlots));
        }

        Pool = new StatePool(CreateState);
        (_settleKnown, _settleDepStart, _settleDeps, _noInputStatus, _noInputTests, _noInputTruth) = NoInputSettling(skipStages ?? plan.Stages.Length >= MinStagesToSkip);
        _noInputTruthSkipped = _noInputTruth is not null && Array.TrueForAll(_noInputTruth, t => t == RuleTruth.Skipped);

        // Compiling a large rule set's code costs more than the rest of its load, so it starts with the first evaluation,
        // in the background, off the load and request paths (a load that is never evaluated, such as lint, never pays
        // it); until it is ready the interpreter answers, identically (the property tests prove the two equal).
        if (rules.Length <= SynchronousCompileLimit)
        {
            _code = KernelCodeCompiler.Compile(this);
            _compiling = new Lazy<Task>(Task.CompletedTask);
        }
        else
        {
            _compiling = new Lazy<Task>(() => Task.Run(() => _code = KernelCodeCompiler.Compile(this)), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>
    /// Per rule, the test of its guard conjunct (the first input tested positively at the top level), or -1: while it is
    /// not true the rule cannot fire, so it is not evaluated and its truth stays Skipped.
    /// </summary>
    public int[] GuardTests { get; }

    /// <summary>Per input slot, the emitters it guards grouped by their guard test (-1: the slot's presence alone), or null.</summary>
    public (int Test, int[] Rules)[]?[] GuardedEmitters { get; }

    /// <summary>How many rules the rule set has (the length of a state's rule truths).</summary>
    public int RuleCount => _rules.Length;

    public EvaluationPlan Plan => _plan;

    public FactIndex Index => _index;

    public FactLayout Layout { get; }

    public TestTable Tests { get; }

    /// <summary>Per slot, its tests' truths precomputed per value where the value space allows.</summary>
    public SlotRows Rows { get; }

    public ConditionProgram Program { get; }

    public StatePool Pool { get; }

    /// <summary>
    /// Whether evaluations start from the no-input run's final state and the compiled code runs a stage only when a slot
    /// it reads or derives has changed from that run (see <see cref="StageSlots"/>).
    /// </summary>
    public bool SkipsStages => _noInputTruth is not null;

    /// <summary>Every slot's status at the end of the no-input run.</summary>
    public FactStatus[] NoInputStatus => _noInputStatus;

    /// <summary>Every test's truth at the end of the no-input run, where evaluations start (null unless <see cref="SkipsStages"/>).</summary>
    public byte[]? NoInputTests => _noInputTests;

    /// <summary>The stage rules' truths at the end of the no-input run, where evaluations start (null unless <see cref="SkipsStages"/>).</summary>
    public RuleTruth[]? NoInputTruth => _noInputTruth;

    /// <summary>Starts compiling the code if it has not started, and completes once it is in use; until then evaluations run on the interpreter.</summary>
    public Task WhenCompiled() => _compiling.Value;

    public KernelState CreateState() => new(_index.Count, Tests.Count, _rules.Length, _plan.Stages.Length);

    /// <summary>Clears the working memory for a new evaluation: inputs missing, derived facts not derived, tests at their start truths.</summary>
    /// <param name="state">The working memory.</param>
    /// <param name="inputs">How many inputs the case will set, when known: a case that supplies many reaches most stages, so it starts from scratch.</param>
    public void Reset(KernelState state, int inputs = 0)
    {
        var facts = state.Facts;
        Array.Clear(facts.Values);
        Array.Clear(facts.SetBy);
        state.FiringCount = 0;

        // With the compiled code ready, start from the no-input run's final state (the same block copies as a reset
        // from scratch): a stage none of whose slots a case changes then keeps that run's result without running.
        if (_noInputTruth is not null && _code is not null && !state.RunEveryStage && !state.SettleEveryFact && !ManyInputs(inputs))
        {
            _noInputStatus.AsSpan().CopyTo(facts.Status);
            _noInputTests.AsSpan().CopyTo(state.Tests);
            if (_noInputTruthSkipped)
            {
                // Guarded rules are all skipped with no input: a clear reads no source (a copy of ten thousand bytes does).
                Array.Clear(state.Truth);
            }
            else
            {
                _noInputTruth.AsSpan().CopyTo(state.Truth);
            }

            state.FromNoInput = true;
            return;
        }

        _index.InitialStatus.AsSpan().CopyTo(facts.Status);
        Tests.Initial.AsSpan().CopyTo(state.Tests);
        Array.Clear(state.Truth);
        state.FromNoInput = false;
    }

    /// <summary>Takes a state started from the no-input run back to the start of a run from scratch, keeping its inputs.</summary>
    private void FromScratch(KernelState state)
    {
        var status = state.Facts.Status;
        var initial = _index.InitialStatus;
        for (var slot = 0; slot < status.Length; slot++)
        {
            if (_index.Definitions[slot].Origin != FactOrigin.Input)
            {
                status[slot] = initial[slot];
                var (start, end) = (Tests.SlotStart[slot], Tests.SlotStart[slot + 1]);
                Tests.Initial.AsSpan(start, end - start).CopyTo(state.Tests.AsSpan(start));
            }
        }

        Array.Clear(state.Truth);
        state.FromNoInput = false;
    }

    /// <summary>
    /// Sets one bit per slot whose status differs from the no-input run's (so every input supplied, and no derived fact
    /// yet, since the state starts from that run), or every bit when the state started from scratch: the compiled
    /// code then runs every stage.
    /// </summary>
    private void MarkChanged(KernelState state)
    {
        var changed = state.Changed;
        if (!state.FromNoInput)
        {
            Array.Fill(changed, ulong.MaxValue);
            return;
        }

        var status = MemoryMarshal.AsBytes(state.Facts.Status.AsSpan());
        var noInput = MemoryMarshal.AsBytes(_noInputStatus.AsSpan());
        var slot = 0;
        for (; slot + 64 <= status.Length; slot += 64)
        {
            var low = Vector256.Equals(Vector256.Create(status.Slice(slot, 32)), Vector256.Create(noInput.Slice(slot, 32))).ExtractMostSignificantBits();
            var high = Vector256.Equals(Vector256.Create(status.Slice(slot + 32, 32)), Vector256.Create(noInput.Slice(slot + 32, 32))).ExtractMostSignificantBits();
            changed[slot >> 6] = ~(((ulong)high << 32) | low);
        }

        if (slot < status.Length)
        {
            var word = 0UL;
            for (var i = slot; i < status.Length; i++)
            {
                word |= status[i] != noInput[i] ? 1UL << (i & 63) : 0;
            }

            changed[slot >> 6] = word;
        }
    }

    /// <summary>
    /// The slots stage <paramref name="stage"/> reads (its rules' guard and tested slots) and derives, ascending. Its run
    /// depends on nothing else: when none of them differs from the no-input run, its result is that run's.
    /// </summary>
    public int[] StageSlots(int stage)
    {
        var slots = new SlotSet();
        slots.AddRange(_plan.Stages[stage].Facts);
        foreach (var rule in _plan.Stages[stage].Rules)
        {
            ReadSlots(rule, slots);
        }

        return slots.ToSortedArray();
    }

    /// <summary>
    /// The slots whose change can make stage <paramref name="stage"/> end otherwise than in the no-input run, ascending:
    /// its facts; per rule skipped in that run, only its guard's slot (while that is as it was, the guard is not true
    /// and the rule is skipped again, so it fires nothing); per rule evaluated in it, or unguarded, every slot it reads;
    /// per fact settled from that run, its witness's slots (see <see cref="SettleFact"/>), else every slot its
    /// producers read. A cyclic stage: every slot it reads.
    /// </summary>
    public int[] StageTriggers(int stage)
    {
        var (rules, facts) = (_plan.Stages[stage].Rules, _plan.Stages[stage].Facts);
        if (_plan.Stages[stage].Cyclic || _noInputTruth is null)
        {
            return StageSlots(stage);
        }

        var slots = new SlotSet();
        slots.AddRange(facts);
        foreach (var rule in rules)
        {
            var guard = GuardTests[rule] >= 0 ? Tests.Slot[GuardTests[rule]] : _plan.GuardSlots[rule];
            if (guard >= 0 && _noInputTruth[rule] == RuleTruth.Skipped)
            {
                slots.Add(guard);
            }
            else
            {
                ReadSlots(rule, slots);
            }
        }

        foreach (var slot in facts)
        {
            if (_settleKnown[slot] == FactStatus.Undecided)
            {
                slots.AddRange(WitnessSlots(slot));
                continue;
            }

            foreach (var producer in _producers.AsSpan(_producerStart[slot], _producerStart[slot + 1] - _producerStart[slot]))
            {
                ReadSlots(producer, slots);
            }
        }

        return slots.ToSortedArray();
    }

    /// <summary>Adds the slots rule <paramref name="rule"/> reads: its guard slot and every tested slot.</summary>
    private void ReadSlots(int rule, SlotSet slots)
    {
        if (_plan.GuardSlots[rule] >= 0)
        {
            slots.Add(_plan.GuardSlots[rule]);
        }

        TestedSlots(Program.Root[rule], slots);
    }

    /// <summary>Sets an input fact already checked against its declaration, and evaluates the tests on it (interpreting them if asked).</summary>
    public void SetInput(KernelState state, int slot, TypedValue value, long lane, decimal number, bool interpreted = false)
    {
        state.Facts.Values[slot] = value;
        state.Facts.Status[slot] = FactStatus.Present;
        state.Lanes[slot] = lane;
        state.Numbers[slot] = number;
        if (interpreted)
        {
            Retest(state, slot);
        }
        else if (Rows.TryPresent(slot, lane, state.Tests))
        {
            return;
        }
        else if (_code?.Retests[slot] is { } retest)
        {
            retest(state);
        }
        else
        {
            Retest(state, slot);
        }
    }

    /// <summary>
    /// Sets bound inputs, already checked, as <see cref="SetInput"/> over each in order, with the working memory's arrays
    /// read once rather than per input (setting inputs was a third of the shipped rules' evaluation).
    /// </summary>
    public void SetInputs(KernelState state, BoundFacts facts)
    {
        var (slots, inputs, inputLanes, inputNumbers) = (facts.Slots, facts.Values, facts.Lanes, facts.Numbers);
        if (_code is not { } code)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                SetInput(state, slots[i], inputs[i], inputLanes[i], inputNumbers[i]);
            }

            return;
        }

        var (values, status, lanes, numbers, tests, rows, retests) = (state.Facts.Values, state.Facts.Status, state.Lanes, state.Numbers, state.Tests, Rows, code.Retests);
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            var lane = inputLanes[i];
            values[slot] = inputs[i];
            status[slot] = FactStatus.Present;
            lanes[slot] = lane;
            numbers[slot] = inputNumbers[i];
            if (!rows.TryPresent(slot, lane, tests))
            {
                if (retests[slot] is { } retest)
                {
                    retest(state);
                }
                else
                {
                    Retest(state, slot);
                }
            }
        }
    }

    /// <summary>
    /// Sets an input fact by its lane alone, already checked: its value is left null and made from the lane by
    /// <see cref="Materialize"/> only when something reads values.
    /// </summary>
    public void SetLane(KernelState state, int slot, long lane)
    {
        state.Facts.Values[slot] = null;
        state.Facts.Status[slot] = FactStatus.Present;
        state.Lanes[slot] = lane;

        // The decimal lane as a supplied value would fill it: the number of a boolean or whole number, 0 for symbols.
        state.Numbers[slot] = Layout.Kinds[slot] is SlotKind.Boolean or SlotKind.Whole ? lane : 0m;
        if (Rows.TryPresent(slot, lane, state.Tests))
        {
            return;
        }

        if (_code?.Retests[slot] is { } retest)
        {
            retest(state);
        }
        else
        {
            Retest(state, slot);
        }
    }

    /// <summary>Makes the values of inputs set by lane, so that <paramref name="facts"/> can be read like any other.</summary>
    public void Materialize(FactState facts, long[] lanes)
    {
        var values = facts.Values;
        var status = facts.Status;
        for (var slot = 0; slot < values.Length; slot++)
        {
            if (values[slot] is null && status[slot] == FactStatus.Present)
            {
                values[slot] = Layout.ValueOf(slot, lanes[slot]);
            }
        }
    }

    /// <summary>Runs the stages, then the emitters, to a fixed point, through the code compiled at load.</summary>
    public void Run(KernelState state, int maxFirings, CancellationToken cancellation)
    {
        if (_code is not { } code)
        {
            _ = _compiling.Value;
            RunInterpreted(state, maxFirings, cancellation);
            return;
        }

        Begin(state, maxFirings, cancellation);
        if (code.StageSteps is { } stages)
        {
            RunStages(state, code, stages);
        }

        foreach (var step in code.Steps)
        {
            step(state, this);
        }
    }

    /// <summary>
    /// Runs the stages a case reaches: from the no-input run's state, a stage runs only when a slot among its triggers
    /// (<see cref="StageTriggers"/>) differs from that run, the supplied inputs first, then each fact a stage that ran
    /// leaves different; pending stages are bits, run in ascending (dependency) order, and a change only reaches later
    /// stages. A state that started from scratch runs every stage.
    /// </summary>
    private void RunStages(KernelState state, KernelCode code, KernelStep[] stages)
    {
        MarkChanged(state);

        // With many inputs supplied most stages are reached anyway: walking trigger rows, and putting each stage back
        // before it runs, cost more than a run from scratch through the stages compiled in large steps.
        if (state.FromNoInput && ManyInputs(ChangedCount(state.Changed)))
        {
            FromScratch(state);
            MarkChanged(state);
        }

        if (!state.FromNoInput)
        {
            foreach (var step in code.GroupedStages!)
            {
                step(state, this);
            }

            return;
        }

        var (rows, words) = (code.TriggerRows!, code.StageWords);
        var pending = state.Pending;
        var changed = state.Changed;
        var status = state.Facts.Status;
        var noInput = _noInputStatus;
        Array.Clear(pending);
        for (var w = 0; w < changed.Length; w++)
        {
            for (var bits = changed[w]; bits != 0; bits &= bits - 1)
            {
                Trigger(pending, rows, ((w << 6) + BitOperations.TrailingZeroCount(bits)) * words);
            }
        }

        for (var w = 0; w < pending.Length; w++)
        {
            ulong bits;
            while ((bits = pending[w]) != 0)
            {
                pending[w] = bits & (bits - 1);
                var s = (w << 6) + BitOperations.TrailingZeroCount(bits);
                state.Cancellation.ThrowIfCancellationRequested();
                stages[s](state, this);
                foreach (var slot in _plan.Stages[s].Facts)
                {
                    if (status[slot] != noInput[slot])
                    {
                        changed[slot >> 6] |= 1UL << (slot & 63);
                        Trigger(pending, rows, slot * words);
                    }
                }
            }
        }
    }

    /// <summary>How many slots are marked changed: after <see cref="MarkChanged"/> on a state started from the no-input run, the inputs supplied.</summary>
    private static int ChangedCount(ulong[] changed)
    {
        var count = 0;
        foreach (var word in changed)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>Whether a case setting this many inputs reaches so many stages that a run from scratch through the grouped stage code costs less than finding and running them one by one.</summary>
    private bool ManyInputs(int inputs) => inputs * 8 > _plan.Stages.Length;

    /// <summary>Marks pending the stages in one slot's trigger row, which starts at <paramref name="row"/>.</summary>
    private static void Trigger(ulong[] pending, ulong[] rows, int row)
    {
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] |= rows[row + i];
        }
    }

    /// <summary>
    /// The same run, interpreting the flattened conditions instead of running the compiled code: the reference the
    /// compiled code is proven against in the property tests.
    /// </summary>
    public void RunInterpreted(KernelState state, int maxFirings, CancellationToken cancellation)
    {
        if (state.FromNoInput)
        {
            FromScratch(state);
        }

        Begin(state, maxFirings, cancellation);
        for (var s = 0; s < _plan.Stages.Length; s++)
        {
            var stage = _plan.Stages[s];
            if (stage.Cyclic)
            {
                CyclicStage(state, stage);
            }
            else
            {
                foreach (var rule in stage.Rules)
                {
                    if (!Skip(state, rule))
                    {
                        Consider(state, rule);
                    }
                }

                Settle(state, s);
            }
        }

        foreach (var rule in _plan.UnguardedEmitters)
        {
            Consider(state, rule);
        }

        GuardedEmittersInterpreted(state);
    }

    /// <summary>
    /// The guarded emitters over flat arrays: a bucket (one guard test of one slot) is looked at only when its slot is
    /// present and its test true; emitters derive nothing, so each is a condition and at most a recorded firing.
    /// </summary>
    private void GuardedEmittersInterpreted(KernelState state)
    {
        var status = state.Facts.Status;
        var tests = state.Tests;
        var truth = state.Truth;
        var bucketSlot = _bucketSlot;
        var bucketTest = _bucketTest;
        var bucketStart = _bucketStart;
        var bucketRules = _bucketRules;
        for (var b = 0; b < bucketSlot.Length; b++)
        {
            // Their truth stays Skipped, the array's zero value, when the guard input is missing or its test not true.
            var test = bucketTest[b];
            if (status[bucketSlot[b]] != FactStatus.Present || (test >= 0 && tests[test] != (byte)Truth.True))
            {
                continue;
            }

            Check(state);
            var end = bucketStart[b + 1];
            var firings = state.Firings;
            var count = state.FiringCount;
            for (var i = bucketStart[b]; i < end; i++)
            {
                // Truth + 1 is the rule's RuleTruth (False, Unknown, Fired); the firing is appended and counted only when
                // true (t >> 1 is 1 for true, else 0): no branch on a truth. An emitter fires at most once, so the
                // list, one entry per rule, has room.
                var rule = bucketRules[i];
                var t = _clausal[rule] ? ClauseForm.Evaluate(_bucketClauses.AsSpan(i * ClauseSlots, ClauseSlots), tests) : Program.Evaluate(Program.Root[rule], tests);
                truth[rule] = (RuleTruth)(t + 1);
                firings[count] = rule;
                count += t >> 1;
            }

            state.FiringCount = count;
            CheckCap(state);
        }
    }

    /// <summary>A rule's truth: branch-free over its clause form when it has one, else through the program.</summary>
    private int EvaluateRule(int rule, byte[] tests) =>
        _clausal[rule] ? ClauseForm.Evaluate(_clauses.AsSpan(rule * ClauseSlots, ClauseSlots), tests) : Program.Evaluate(Program.Root[rule], tests);

    /// <summary>The truth of rule <paramref name="rule"/>'s condition over the current test truths.</summary>
    public Truth Evaluate(int rule, byte[] tests) => (Truth)EvaluateRule(rule, tests);

    /// <summary>Re-evaluates every test on <paramref name="slot"/> after its status or value changed.</summary>
    public void Retest(KernelState state, int slot)
    {
        var tests = Tests;
        var truths = state.Tests;
        var status = state.Facts.Status[slot];
        var start = tests.SlotStart[slot];
        var end = tests.SlotStart[slot + 1];
        if (start == end)
        {
            return;
        }

        if (status != FactStatus.Present)
        {
            Rows.Absent(status, truths, start, end - start);
            return;
        }

        var lane = state.Lanes[slot];
        if (Rows.TryPresent(slot, lane, truths))
        {
            return;
        }

        for (var test = start; test < end; test++)
        {
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

            // Test by test, not through the precomputed rows, so that comparing these truths with a run's proves the rows.
            for (var test = Tests.SlotStart[slot]; test < Tests.SlotStart[slot + 1]; test++)
            {
                state.Tests[test] = facts.Status[slot] == FactStatus.Present
                    ? Holds(test, state.Lanes[slot], state, slot)
                    : Tests.AbsentTruth[test][(int)facts.Status[slot]];
            }
        }

        return state.Tests;
    }

    private int GuardTest(int rule, int guardSlot)
    {
        if (guardSlot < 0)
        {
            return -1;
        }

        // The guard is a top-level conjunct that compares, ranges or tests membership of an input fact: any such conjunct
        // keeps the rule from firing while it is not true. Of those, the one least likely to be true (estimated from the
        // declared value space) skips the most evaluations; ties keep the first, which was the guard before the estimate.
        var root = Program.Root[rule];
        if (Program.IsAny[root] && Program.Start[root + 1] - Program.Start[root] > 1)
        {
            return -1;
        }

        var (best, bestShare) = (-1, double.MaxValue);
        for (var i = Program.Start[root]; i < Program.Start[root + 1]; i++)
        {
            var entry = Program.Entries[i];
            var test = entry >> 2;
            if ((entry & (ConditionProgram.IsNode | ConditionProgram.Negated)) == 0
                && Tests.Kind[test] != TestKind.Presence
                && _index.Definitions[Tests.Slot[test]].Origin == FactOrigin.Input)
            {
                // Before the estimate the guard was the first such conjunct, and only on the rule's guard slot.
                if (best < 0 && Tests.Slot[test] != guardSlot)
                {
                    return -1;
                }

                var share = TrueShare(test);
                if (share < bestShare)
                {
                    (best, bestShare) = (test, share);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The share of a present fact's values for which a test is true, taking every value of its declared space as equally
    /// likely: an enum membership holds for its symbols' share, a set test by the subsets it admits; integers, dates and
    /// decimals have no declared range, so a point test counts as rare and any other comparison as half.
    /// </summary>
    private double TrueShare(int test)
    {
        var slot = Tests.Slot[test];
        var a = Tests.A[test];
        var symbols = Layout.Symbols[slot]?.Count ?? 0;
        var bits = BitOperations.PopCount((ulong)a);
        return (Tests.Kind[test], Layout.Kinds[slot]) switch
        {
            (TestKind.Equal or TestKind.AnyBit, SlotKind.EnumBit) when symbols > 0 => (double)bits / symbols,
            (TestKind.NotEqual or TestKind.NoBit, SlotKind.EnumBit) when symbols > 0 => 1 - ((double)bits / symbols),
            (TestKind.AnyBit, SlotKind.SetMask) => 1 - Math.Pow(0.5, bits),
            (TestKind.NoBit or TestKind.AllBits, SlotKind.SetMask) => Math.Pow(0.5, bits),
            (TestKind.Equal, SlotKind.SetMask) when symbols > 0 => Math.Pow(0.5, symbols),
            (TestKind.Equal, SlotKind.Whole) => 0.25,
            (TestKind.NotEqual, SlotKind.Whole) => 0.75,
            _ => 0.5,
        };
    }

    /// <summary>The truth of a test on a present value with no dense encoding, read through the shared semantics.</summary>
    public byte BoxedTruth(KernelState state, int test) =>
        (byte)ConditionSemantics.Atom(Tests.Source[test], FactStatus.Present, state.Facts.Values[Tests.Slot[test]]);

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

    /// <summary>Throws when more rules fired than the cap allows; emitters are counted a bucket at a time and checked after it.</summary>
    public static void CheckCap(KernelState state)
    {
        if (state.FiringCount > state.MaxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {state.MaxFirings} rule firings");
        }
    }

    /// <summary>Throws when the evaluation was cancelled; the compiled code calls it once per step.</summary>
    public static void Check(KernelState state) => state.Cancellation.ThrowIfCancellationRequested();

    /// <summary>Records that <paramref name="rule"/>, whose condition is true, fires: the cap, the firing, its derivations.</summary>
    public void Fire(KernelState state, int rule) => Fire(state, rule, _deriveStart[rule], _deriveStart[rule + 1]);

    /// <summary>
    /// <see cref="Fire(KernelState, int)"/> with the rule's derivations [<paramref name="first"/>, <paramref name="end"/>)
    /// given: the compiled code passes them as constants, saving a lookup by rule (a cache miss at thousands of rules).
    /// </summary>
    public void Fire(KernelState state, int rule, int first, int end)
    {
        var count = Record(state, rule);
        for (var d = first; d < end; d++)
        {
            Derive(state, count, d);
        }
    }

    /// <summary>Where rule <paramref name="rule"/>'s derivations start among the flat derivations (they end where the next rule's start).</summary>
    public int DerivationStart(int rule) => _deriveStart[rule];

    /// <summary>How many facts rule <paramref name="rule"/> derives (0 for an emitter).</summary>
    public int DerivationCount(int rule) => _deriveStart[rule + 1] - _deriveStart[rule];

    /// <summary>Records that an emitter (a rule that derives nothing) fires: the cap and the firing.</summary>
    public static void FireEmitter(KernelState state, int rule) => Record(state, rule);

    /// <summary>Counts the firing against the cap and appends it; returns how many fired before it.</summary>
    private static int Record(KernelState state, int rule)
    {
        var count = state.FiringCount;
        if (count >= state.MaxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {state.MaxFirings} rule firings");
        }

        // Each rule fires at most once, so the firing list, sized to the rule count, never overflows.
        state.Truth[rule] = RuleTruth.Fired;
        state.Firings[count] = rule;
        state.FiringCount = count + 1;
        return count;
    }

    private void Derive(KernelState state, int count, int d)
    {
        // Single assignment: the first (highest-priority) derivation decides and later ones are recorded only as
        // firings; a fact already undecided because a conflict could not be settled stays undecided.
        ref readonly var derivation = ref _derivations[d];
        var status = state.Facts.Status;
        var slot = derivation.Slot;
        if (status[slot] != FactStatus.NotDerived)
        {
            return;
        }

        if (derivation.Contested && OutrankedByUnknown(state, d))
        {
            status[slot] = FactStatus.Undecided;
            Retest(state, slot);
            return;
        }

        state.Facts.Values[slot] = derivation.Value;
        state.Lanes[slot] = derivation.Lane;
        state.Numbers[slot] = derivation.Number;
        status[slot] = FactStatus.Present;
        state.Facts.SetBy[slot] = count + 1;
        var tests = state.Tests;
        var truths = _deriveTruths;
        var from = derivation.TruthStart;
        var start = derivation.TestStart;
        var width = derivation.Width;
        for (var i = 0; i < width; i++)
        {
            tests[start + i] = truths[from + i];
        }
    }

    /// <summary>
    /// The truths of slot <paramref name="slot"/>'s tests once it holds <paramref name="value"/>, by the same retest a run
    /// makes (into a scratch state): what every derivation of that constant leaves.
    /// </summary>
    private ReadOnlySpan<byte> TruthsWhenPresent(KernelState state, int slot, TypedValue value)
    {
        state.Facts.Values[slot] = value;
        state.Facts.Status[slot] = FactStatus.Present;
        state.Lanes[slot] = Layout.Lane(slot, value);
        state.Numbers[slot] = value.Number;
        Retest(state, slot);
        return state.Tests.AsSpan(Tests.SlotStart[slot], Tests.SlotStart[slot + 1] - Tests.SlotStart[slot]);
    }

    /// <summary>Marks stage <paramref name="stage"/>'s underived facts as unknown when a producer was undecided; returns whether any changed.</summary>
    public bool Settle(KernelState state, int stage)
    {
        var changed = false;
        foreach (var slot in _plan.Stages[stage].Facts)
        {
            changed |= SettleFact(state, slot);
        }

        return changed;
    }

    /// <summary>Marks one underived fact as undecided when a producer was unknown; returns whether it changed.</summary>
    public bool SettleFact(KernelState state, int slot)
    {
        var status = state.Facts.Status;
        if (status[slot] != FactStatus.NotDerived)
        {
            return false;
        }

        // Every slot read by the producer that proved the fact undecided in the no-input run has its no-input status (none
        // present), so that producer's tests and truth are those of that run and it proves the fact undecided again:
        // most facts of a sparse case settle by this check alone, without evaluating a skipped producer's condition.
        if (!state.SettleEveryFact && _settleKnown[slot] == FactStatus.Undecided && AsWithNoInput(status, slot))
        {
            status[slot] = FactStatus.Undecided;
            Retest(state, slot);
            return true;
        }

        // The producer that proved the fact undecided last time, first; then all of them, in the usual order.
        var start = _producerStart[slot];
        var witness = state.Witness[slot];
        if (witness == 0 || !ProducerUnknown(state, _producers[start + witness - 1]))
        {
            var found = AnyProducerUnknown(state, _producers.AsSpan(start, _producerStart[slot + 1] - start));
            if (found < 0)
            {
                return false;
            }

            state.Witness[slot] = found + 1;
        }

        status[slot] = FactStatus.Undecided;
        Retest(state, slot);
        return true;
    }

    /// <summary>
    /// The slots read by the producer that proved derived slot <paramref name="slot"/> undecided in the no-input run,
    /// when the fact is settled from that run while they keep their no-input statuses (see <see cref="SettleFact"/>); else empty.
    /// </summary>
    public ReadOnlySpan<int> WitnessSlots(int slot) =>
        _settleKnown[slot] == FactStatus.Undecided ? _settleDeps.AsSpan(_settleDepStart[slot], _settleDepStart[slot + 1] - _settleDepStart[slot]) : [];

    /// <summary>Whether every slot read by derived slot <paramref name="slot"/>'s no-input witness has its no-input status.</summary>
    private bool AsWithNoInput(FactStatus[] status, int slot)
    {
        var deps = _settleDeps;
        var noInput = _noInputStatus;
        for (var i = _settleDepStart[slot]; i < _settleDepStart[slot + 1]; i++)
        {
            var dep = deps[i];
            if (status[dep] != noInput[dep])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs the rule set with no input (interpreted, settling every fact) and keeps, per derived slot of an acyclic
    /// stage that ended undecided there, the slots read by the producer that proved it (its guard slot and every tested
    /// slot), when none of those is present in that run: in a case where they all have the same statuses, that producer
    /// has the same tests, so the same truth (skipped or unknown) and condition, and proves the fact undecided again.
    /// Other slots get no shortcut (showing a fact not derived needs every producer, which costs as much as settling).
    /// </summary>
    private (FactStatus[] Known, int[] DepStart, int[] Deps, FactStatus[] NoInput, byte[]? Tests, RuleTruth[]? Truth) NoInputSettling(bool skipStages)
    {
        var state = CreateState();
        state.SettleEveryFact = true;
        Reset(state);
        RunInterpreted(state, int.MaxValue, CancellationToken.None);
        var noInput = state.Facts.Status;
        var known = new FactStatus[_index.Count];
        Array.Fill(known, FactStatus.Present);
        var depStart = new int[_index.Count + 1];
        var deps = new List<int>();
        var slots = new SlotSet();
        var perSlot = new int[]?[_index.Count];
        foreach (var stage in _plan.Stages)
        {
            if (stage.Cyclic)
            {
                continue;
            }

            foreach (var slot in stage.Facts)
            {
                if (noInput[slot] != FactStatus.Undecided || state.Witness[slot] == 0)
                {
                    continue;
                }

                var producer = _producers[_producerStart[slot] + state.Witness[slot] - 1];
                slots.Clear();
                ReadSlots(producer, slots);
                var sorted = slots.ToSortedArray();
                var any = false;
                foreach (var dep in sorted)
                {
                    any |= noInput[dep] == FactStatus.Present;
                }

                if (!any)
                {
                    known[slot] = FactStatus.Undecided;
                    perSlot[slot] = sorted;
                }
            }
        }

        for (var slot = 0; slot < _index.Count; slot++)
        {
            deps.AddRange(perSlot[slot] ?? []);
            depStart[slot + 1] = deps.Count;
        }

        var (tests, truth) = skipStages && StartsFromNoInput(state) ? (state.Tests, StageTruths(state.Truth)) : (null, null);
        return (known, depStart, [.. deps], noInput, tests, truth);
    }

    /// <summary>
    /// Whether evaluations may start from the no-input run's final state <paramref name="state"/>: no rule of a stage
    /// fired in it (so no fact is present and a stage skipped contributes no firing, whose position would matter), and
    /// no stage reads a fact a later stage derives (a stage run again must see what a run from scratch sees).
    /// </summary>
    private bool StartsFromNoInput(KernelState state)
    {
        var stageOf = new int[_index.Count];
        Array.Fill(stageOf, -1);
        for (var s = 0; s < _plan.Stages.Length; s++)
        {
            foreach (var rule in _plan.Stages[s].Rules)
            {
                if (state.Truth[rule] == RuleTruth.Fired)
                {
                    return false;
                }
            }

            foreach (var slot in _plan.Stages[s].Facts)
            {
                stageOf[slot] = s;
            }
        }

        for (var s = 0; s < _plan.Stages.Length; s++)
        {
            foreach (var slot in StageSlots(s))
            {
                if (stageOf[slot] > s)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The no-input run's truths of the stages' rules; emitters Skipped, as a run starts them.</summary>
    private RuleTruth[] StageTruths(RuleTruth[] truth)
    {
        var stages = new RuleTruth[truth.Length];
        foreach (var stage in _plan.Stages)
        {
            foreach (var rule in stage.Rules)
            {
                stages[rule] = truth[rule];
            }
        }

        return stages;
    }

    /// <summary>Adds the slot of every test under node <paramref name="node"/>.</summary>
    private void TestedSlots(int node, SlotSet slots)
    {
        for (var i = Program.Start[node]; i < Program.Start[node + 1]; i++)
        {
            var entry = Program.Entries[i];
            if ((entry & ConditionProgram.IsNode) != 0)
            {
                TestedSlots(entry >> 2, slots);
            }
            else
            {
                slots.Add(Tests.Slot[entry >> 2]);
            }
        }
    }

    private static void Begin(KernelState state, int maxFirings, CancellationToken cancellation)
    {
        state.MaxFirings = maxFirings;
        state.Cancellation = cancellation;
        state.SinceCheck = 0;
    }

    private void CyclicStage(KernelState state, EvaluationStage stage)
    {
        // Positive-only cycles are monotonic: repeat until a pass fires nothing; then re-run while any fact
        // turns from "not derived" to "undecided", since that can only make more rules undecided.
        var truth = state.Truth;
        var index = Array.IndexOf(_plan.Stages, stage);
        while (true)
        {
            var fired = true;
            while (fired)
            {
                fired = false;
                foreach (var rule in stage.Rules)
                {
                    if (truth[rule] != RuleTruth.Fired && !Skip(state, rule) && Consider(state, rule))
                    {
                        fired = true;
                    }
                }
            }

            if (!Settle(state, index))
            {
                return;
            }

            foreach (var rule in stage.Rules)
            {
                if (truth[rule] != RuleTruth.Fired && !Skip(state, rule))
                {
                    Consider(state, rule);
                }
            }
        }
    }

    /// <summary>The position among <paramref name="producers"/> of one whose condition is unknown, or -1.</summary>
    private int AnyProducerUnknown(KernelState state, ReadOnlySpan<int> producers)
    {
        var truth = state.Truth;
        for (var i = 0; i < producers.Length; i++)
        {
            if (truth[producers[i]] == RuleTruth.Unknown)
            {
                return i;
            }
        }

        // A skipped producer cannot fire but may still be unknown rather than false; it is evaluated only here,
        // when its fact ended underived and no evaluated producer was unknown, so most are never evaluated.
        for (var i = 0; i < producers.Length; i++)
        {
            if (truth[producers[i]] == RuleTruth.Skipped && SkippedIsUnknown(state, producers[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether one producer's condition is unknown: evaluated as such, or skipped and unknown over the current truths.</summary>
    private bool ProducerUnknown(KernelState state, int producer)
    {
        var truth = state.Truth[producer];
        return truth == RuleTruth.Unknown || (truth == RuleTruth.Skipped && SkippedIsUnknown(state, producer));
    }

    /// <summary>
    /// Whether a rule left unevaluated (Skipped) is unknown rather than false. A false guard test is a false conjunct of the
    /// whole condition, so only a rule whose guard is unknown or whose guard input is missing needs evaluating.
    /// </summary>
    private bool SkippedIsUnknown(KernelState state, int rule) => IsUnknown(rule, state.Tests);

    /// <summary>Whether a rule's condition is unknown over <paramref name="tests"/>; a false guard test settles it without evaluating.</summary>
    public bool IsUnknown(int rule, byte[] tests)
    {
        var guard = GuardTests[rule];
        return (guard < 0 || tests[guard] != (byte)Truth.False) && EvaluateRule(rule, tests) == (int)Truth.Unknown;
    }

    /// <summary>Whether a rule's guard input is missing or its guard test not true: it cannot fire, so it is not evaluated and stays Skipped.</summary>
    private bool Skip(KernelState state, int rule)
    {
        var guard = GuardTests[rule];
        return guard >= 0 ? state.Tests[guard] != (byte)Truth.True : _plan.GuardSlots[rule] >= 0 && state.Facts.Status[_plan.GuardSlots[rule]] != FactStatus.Present;
    }

    private bool Consider(KernelState state, int rule)
    {
        if (++state.SinceCheck >= 64)
        {
            state.SinceCheck = 0;
            Check(state);
        }

        var truth = Evaluate(rule, state.Tests);
        if (truth != Truth.True)
        {
            state.Truth[rule] = truth == Truth.Unknown ? RuleTruth.Unknown : RuleTruth.False;
            return false;
        }

        if (_deriveStart[rule] == _deriveStart[rule + 1])
        {
            Record(state, rule);
        }
        else
        {
            Fire(state, rule);
        }

        return true;
    }

    /// <summary>
    /// Whether a producer ranked above derivation <paramref name="d"/>'s rule whose condition is unknown would derive a
    /// different value: the missing data could overturn the derivation, so the fact is undecided.
    /// </summary>
    private bool OutrankedByUnknown(KernelState state, int d)
    {
        var truth = state.Truth;
        for (var i = _rivalStart[d]; i < _rivalStart[d + 1]; i++)
        {
            // Higher-ranked producers run first in the stage; one still Skipped had its guard missing, so it is false or unknown.
            var producer = _rivals[i];
            var t = truth[producer];
            if (t == RuleTruth.Unknown || (t == RuleTruth.Skipped && SkippedIsUnknown(state, producer)))
            {
                return true;
            }
        }

        return false;
    }
}
