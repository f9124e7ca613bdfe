using System.Linq.Expressions;
using System.Reflection;

namespace KetCds.Engine.Internal.Kernel;

/// <summary>
/// Compiles a rule set's dense form into code once per version, with expression trees: every rule's condition inlined
/// as Kleene min/max over the shared test truths, stages and emitters in the interpreter's exact order, and per slot
/// the tests on its value as straight-line comparisons over the integer and decimal lanes. Firing, conflicts between
/// derivations and settling stay in <see cref="Kernel"/> (called from the code), so the two paths share that logic.
/// </summary>
internal sealed class KernelCodeCompiler
{
    /// <summary>Rules per compiled step: big enough that calls between steps are rare, small enough for the JIT to optimise each.</summary>
    private const int StepRules = 64;

    /// <summary>Underived facts with at most this many producers are settled by inline code rather than a call (see <see cref="Settling"/>).</summary>
    private const int InlineSettleProducers = 8;

    private static readonly MethodInfo AndMethod = typeof(ConditionSemantics).GetMethod(nameof(ConditionSemantics.And))!;
    private static readonly MethodInfo OrMethod = typeof(ConditionSemantics).GetMethod(nameof(ConditionSemantics.Or))!;
    private static readonly MethodInfo NotMethod = typeof(ConditionSemantics).GetMethod(nameof(ConditionSemantics.Not), [typeof(int)])!;
    private static readonly MethodInfo FireMethod = typeof(Kernel).GetMethod(nameof(Kernel.Fire), [typeof(KernelState), typeof(int), typeof(int), typeof(int)])!;
    private static readonly MethodInfo FireEmitterMethod = typeof(Kernel).GetMethod(nameof(Kernel.FireEmitter))!;
    private static readonly MethodInfo SettleFactMethod = typeof(Kernel).GetMethod(nameof(Kernel.SettleFact))!;
    private static readonly MethodInfo CheckMethod = typeof(Kernel).GetMethod(nameof(Kernel.Check))!;
    private static readonly MethodInfo CheckCapMethod = typeof(Kernel).GetMethod(nameof(Kernel.CheckCap))!;
    private static readonly MethodInfo BoxedMethod = typeof(Kernel).GetMethod(nameof(Kernel.BoxedTruth))!;

    private readonly Kernel _kernel;
    private readonly ParameterExpression _state = Expression.Parameter(typeof(KernelState), "state");
    private readonly ParameterExpression _self = Expression.Parameter(typeof(Kernel), "kernel");
    private readonly ParameterExpression _tests = Expression.Variable(typeof(byte[]), "tests");
    private readonly ParameterExpression _status = Expression.Variable(typeof(FactStatus[]), "status");
    private readonly ParameterExpression _truth = Expression.Variable(typeof(RuleTruth[]), "truth");
    private readonly ParameterExpression _t = Expression.Variable(typeof(int), "t");
    private readonly ParameterExpression _fired = Expression.Variable(typeof(bool), "fired");
    private readonly ParameterExpression _settled = Expression.Variable(typeof(bool), "settled");
    private readonly ParameterExpression _firings = Expression.Variable(typeof(int[]), "firings");
    private readonly ParameterExpression _count = Expression.Variable(typeof(int), "count");
    private readonly ParameterExpression _changed = Expression.Variable(typeof(ulong[]), "changed");
    private readonly List<KernelStep> _steps = [];
    private List<Expression> _body = [];
    private int _rules;

    private KernelCodeCompiler(Kernel kernel) => _kernel = kernel;

    public static KernelCode Compile(Kernel kernel)
    {
        var compiler = new KernelCodeCompiler(kernel);
        if (kernel.SkipsStages)
        {
            var stageSteps = compiler.StageSteps();

            // The stages also as a run from scratch compiles them, a few large steps: a case that supplies many inputs
            // reaches most stages anyway, and one step per stage (each putting its stage back first) cost the dense
            // 10,000-rule case about a quarter more.
            compiler.Stages();
            compiler.Flush();
            KernelStep[] grouped = [.. compiler._steps];
            compiler._steps.Clear();
            compiler.Emitters();
            compiler.Flush();
            var (rows, words) = TriggerRows(kernel);
            return new KernelCode([.. compiler._steps], compiler.Retests(), stageSteps, rows, words, grouped);
        }

        compiler.Stages();
        compiler.Emitters();
        compiler.Flush();
        return new KernelCode([.. compiler._steps], compiler.Retests());
    }

    /// <summary>
    /// One step per stage, each putting back what the no-input run left different from a run's start and then running the
    /// stage: <see cref="Kernel.Run"/> calls only the stages a case's changes reach, so an evaluation's cost follows what
    /// its inputs reach, not the rule set's size.
    /// </summary>
    private KernelStep[] StageSteps()
    {
        var stages = _kernel.Plan.Stages;
        var steps = new KernelStep[stages.Length];
        for (var s = 0; s < stages.Length; s++)
        {
            _body.Add(Reset(stages[s]));
            _body.AddRange(StageBody(s, stages[s]));
            _rules = 0;
            steps[s] = Lambda(checks: false);
            _body = [];
        }

        return steps;
    }

    /// <summary>Per slot, the stages (not its own) that list it among their triggers (<see cref="Kernel.StageTriggers"/>), as bit rows.</summary>
    private static (ulong[] Rows, int Words) TriggerRows(Kernel kernel)
    {
        var stages = kernel.Plan.Stages;
        var words = (stages.Length + 63) >> 6;
        var rows = new ulong[kernel.Index.Count * words];
        for (var s = 0; s < stages.Length; s++)
        {
            foreach (var slot in kernel.StageTriggers(s))
            {
                if (Array.IndexOf(stages[s].Facts, slot) < 0)
                {
                    rows[(slot * words) + (s >> 6)] |= 1UL << (s & 63);
                }
            }
        }

        return (rows, words);
    }

    private void Stages()
    {
        var stages = _kernel.Plan.Stages;
        for (var s = 0; s < stages.Length; s++)
        {
            var stage = stages[s];
            _body.AddRange(StageBody(s, stage));
            Count(stage.Rules.Length);
        }
    }

    /// <summary>A stage's code: its rules in rank order, then settling its facts (a cyclic stage to its fixed point).</summary>
    private List<Expression> StageBody(int s, EvaluationStage stage)
    {
        var body = new List<Expression>();
        if (stage.Cyclic)
        {
            body.Add(Cyclic(stage));
        }
        else
        {
            var rules = stage.Rules.Select(rule => Unless(rule, Consider(rule, fired: false, guarded: true))).ToArray();
            body.Add(AnyGuardTrue(stage.Rules) is { } any ? Expression.IfThen(any, Expression.Block(rules)) : Expression.Block(rules));

            // Settling only concerns facts no producer derived.
            foreach (var slot in stage.Facts)
            {
                var settle = Settling(slot);
                if (_kernel.SkipsStages && _kernel.WitnessSlots(slot).Length > 0)
                {
                    settle = Expression.IfThenElse(Expression.Equal(AnyChanged(_kernel.WitnessSlots(slot).ToArray()), Expression.Constant(0UL)), Undecided(slot), settle);
                }

                body.Add(Expression.IfThen(StatusIs(slot, FactStatus.NotDerived), settle));
            }
        }

        return body;
    }

    /// <summary>
    /// Settles an acyclic stage's underived fact as <see cref="Kernel.SettleFact"/> does without its shortcuts, inline:
    /// undecided when a producer was evaluated unknown, or was skipped and its condition is unknown over the current
    /// truths. Calling the kernel for this, and interpreting the skipped producers' conditions there, was about a quarter
    /// of an evaluation of the shipped rules. A fact with many producers keeps the call (its code would grow the step).
    /// </summary>
    /// <param name="slot">The fact, not derived when this code runs.</param>
    /// <param name="settled">When given, set to true if the fact is settled (a cyclic stage repeats while one is).</param>
    private Expression Settling(int slot, ParameterExpression? settled = null)
    {
        var producers = _kernel.Plan.Producers[slot];
        if (producers.Length > InlineSettleProducers)
        {
            var call = Expression.Call(_self, SettleFactMethod, _state, Expression.Constant(slot));
            return settled is null ? call : Expression.OrAssign(settled, call);
        }

        // Evaluated producers first, one branch-free OR of reads; the skipped ones' conditions only if none was unknown.
        Expression? evaluated = null;
        Expression? skipped = null;
        foreach (var producer in producers)
        {
            var truth = Expression.Convert(Expression.ArrayIndex(_truth, Expression.Constant(producer)), typeof(int));
            var unknown = Expression.Equal(truth, Expression.Constant((int)RuleTruth.Unknown));
            evaluated = evaluated is null ? unknown : Expression.Or(evaluated, unknown);
            Expression condition = Expression.Equal(Node(_kernel.Program.Root[producer]), Expression.Constant((int)Truth.Unknown));
            var guard = _kernel.GuardTests[producer];
            if (guard >= 0)
            {
                condition = Expression.AndAlso(Expression.NotEqual(Expression.ArrayIndex(_tests, Expression.Constant(guard)), Expression.Constant((byte)Truth.False)), condition);
            }

            var skippedUnknown = Expression.AndAlso(Expression.Equal(truth, Expression.Constant((int)RuleTruth.Skipped)), condition);
            skipped = skipped is null ? skippedUnknown : Expression.OrElse(skipped, skippedUnknown);
        }

        if (evaluated is null)
        {
            return Expression.Empty();
        }

        var undecided = Undecided(slot);
        return Expression.IfThen(Expression.OrElse(evaluated, skipped!), settled is null ? undecided : Expression.Block(undecided, Expression.Assign(settled, Expression.Constant(true))));
    }

    /// <summary>
    /// Puts a stage back as a run from scratch starts it, where the no-input run (the state's start) left it otherwise:
    /// rules it evaluated back to Skipped, facts back to not derived with their tests' start truths.
    /// </summary>
    private Expression Reset(EvaluationStage stage)
    {
        var tests = _kernel.Tests;
        var start = new List<Expression>();
        foreach (var rule in stage.Rules)
        {
            if (_kernel.NoInputTruth![rule] != RuleTruth.Skipped)
            {
                start.Add(Expression.Assign(Expression.ArrayAccess(_truth, Expression.Constant(rule)), Expression.Constant(RuleTruth.Skipped)));
            }
        }

        foreach (var slot in stage.Facts)
        {
            if (_kernel.NoInputStatus[slot] != _kernel.Index.InitialStatus[slot])
            {
                start.Add(Expression.Assign(Expression.ArrayAccess(_status, Expression.Constant(slot)), Expression.Constant(_kernel.Index.InitialStatus[slot])));
            }

            for (var test = tests.SlotStart[slot]; test < tests.SlotStart[slot + 1]; test++)
            {
                if (_kernel.NoInputTests![test] != tests.Initial[test])
                {
                    start.Add(Expression.Assign(Expression.ArrayAccess(_tests, Expression.Constant(test)), Expression.Constant(tests.Initial[test])));
                }
            }
        }

        start.Add(Expression.Empty());
        return Expression.Block(start);
    }

    /// <summary>The changed bits of <paramref name="slots"/> (not empty), one OR of masked words: zero when none changed.</summary>
    private Expression AnyChanged(int[] slots)
    {
        Expression? any = null;
        foreach (var group in slots.GroupBy(slot => slot >> 6))
        {
            var mask = group.Aggregate(0UL, (m, slot) => m | (1UL << (slot & 63)));
            var word = Expression.And(Expression.ArrayIndex(_changed, Expression.Constant(group.Key)), Expression.Constant(mask));
            any = any is null ? word : Expression.Or(any, word);
        }

        return any!;
    }

    /// <summary>
    /// Settles a fact from the no-input run as <see cref="Kernel.SettleFact"/>'s shortcut does, inline: while its witness's
    /// slots have their changed bits clear they have their no-input statuses, so the fact is undecided again; its status
    /// and its tests' truths for that status are constants.
    /// </summary>
    private BlockExpression Undecided(int slot)
    {
        var tests = _kernel.Tests;
        var body = new List<Expression> { Expression.Assign(Expression.ArrayAccess(_status, Expression.Constant(slot)), Expression.Constant(FactStatus.Undecided)) };
        for (var test = tests.SlotStart[slot]; test < tests.SlotStart[slot + 1]; test++)
        {
            body.Add(Expression.Assign(Expression.ArrayAccess(_tests, Expression.Constant(test)), Expression.Constant(tests.AbsentTruth[test][(int)FactStatus.Undecided])));
        }

        body.Add(Expression.Empty());
        return Expression.Block(body);
    }

    /// <summary>
    /// Whether any of <paramref name="rules"/> has its guard true, as one branch-free OR of their guard truths (2 is
    /// true, so bit 1 of the OR is set only when one is); null when a rule has no guard or there is only one rule. When
    /// false, the whole stage's rule code is jumped over: with few inputs supplied most stages have no guard true, and
    /// checking each rule's guard where its code lies touched a cache line of code per rule, thousands per evaluation.
    /// </summary>
    private Expression? AnyGuardTrue(int[] rules)
    {
        if (rules.Length < 2)
        {
            return null;
        }

        Expression? any = null;
        foreach (var rule in rules)
        {
            var guard = _kernel.GuardTests[rule];
            var slot = _kernel.Plan.GuardSlots[rule];
            Expression truth;
            if (guard >= 0)
            {
                truth = Expression.Convert(Expression.ArrayIndex(_tests, Expression.Constant(guard)), typeof(int));
            }
            else if (slot >= 0)
            {
                truth = Expression.Condition(StatusIs(slot, FactStatus.Present), Expression.Constant((int)Truth.True), Expression.Constant(0));
            }
            else
            {
                return null;
            }

            any = any is null ? truth : Expression.Or(any, truth);
        }

        return Expression.NotEqual(Expression.And(any!, Expression.Constant((int)Truth.True)), Expression.Constant(0));
    }

    /// <summary>A positive-only cycle, as the interpreter runs it: passes until none fires, settle, one more look, again.</summary>
    private BlockExpression Cyclic(EvaluationStage stage)
    {
        var outer = Expression.Label("settled");
        var inner = Expression.Label("quiet");
        var pass = new List<Expression> { Expression.IfThen(Expression.Not(_fired), Expression.Break(inner)), Expression.Assign(_fired, Expression.Constant(false)) };
        var again = new List<Expression>();
        foreach (var rule in stage.Rules)
        {
            var notFired = Expression.NotEqual(Expression.Convert(Expression.ArrayIndex(_truth, Expression.Constant(rule)), typeof(int)), Expression.Constant((int)RuleTruth.Fired));
            pass.Add(Expression.IfThen(notFired, Unless(rule, Consider(rule, fired: true, guarded: true))));
            again.Add(Expression.IfThen(notFired, Unless(rule, Consider(rule, fired: false, guarded: true))));
        }

        return Expression.Block(
            Expression.Loop(
                Expression.Block(
                [
                    Expression.Assign(_fired, Expression.Constant(true)),
                    Expression.Loop(Expression.Block(pass), inner),
                    Expression.Assign(_settled, Expression.Constant(false)),
                    .. stage.Facts.Select(slot => Expression.IfThen(StatusIs(slot, FactStatus.NotDerived), Settling(slot, _settled))),
                    Expression.IfThen(Expression.Not(_settled), Expression.Break(outer)),
                    .. again,
                ]),
                outer));
    }

    private void Emitters()
    {
        foreach (var rule in _kernel.Plan.UnguardedEmitters)
        {
            _body.Add(Consider(rule, fired: false, guarded: false));
            Count(1);
        }

        var guarded = _kernel.GuardedEmitters;
        for (var slot = 0; slot < guarded.Length; slot++)
        {
            if (guarded[slot] is not { } buckets)
            {
                continue;
            }

            // A slot's rules may span steps; each step re-checks the guards of the part it holds.
            var slotBody = new List<Expression>();
            foreach (var (test, rules) in buckets)
            {
                var bucketBody = new List<Expression>();
                foreach (var rule in rules)
                {
                    bucketBody.Add(ConsiderEmitter(rule));
                    if (++_rules >= StepRules)
                    {
                        slotBody.Add(Bucket(test, bucketBody));
                        _body.Add(Expression.IfThen(StatusIs(slot, FactStatus.Present), Expression.Block(slotBody)));
                        Flush();
                        slotBody = [];
                        bucketBody = [];
                    }
                }

                if (bucketBody.Count > 0)
                {
                    slotBody.Add(Bucket(test, bucketBody));
                }
            }

            if (slotBody.Count > 0)
            {
                _body.Add(Expression.IfThen(StatusIs(slot, FactStatus.Present), Expression.Block(slotBody)));
            }
        }
    }

    /// <summary>
    /// A bucket of emitters: the firing count is held in a local across it and stored at its end. The cap is checked
    /// once at the end of the step (see <see cref="Flush"/>), not per bucket: emitters only append to a firing list
    /// sized to the rule count, so the evaluation throws the same exception a few buckets later, and a call per
    /// bucket (thousands at 10,000 rules) was 8% of the dense evaluation.
    /// </summary>
    private Expression Bucket(int test, List<Expression> rules)
    {
        var firingCount = Expression.Property(_state, nameof(KernelState.FiringCount));
        var body = Expression.Block(
        [
            Expression.Assign(_firings, Expression.Property(_state, nameof(KernelState.Firings))),
            Expression.Assign(_count, firingCount),
            .. rules,
            Expression.Assign(firingCount, _count),
        ]);
        return test < 0 ? body : Expression.IfThen(TestIs(test, Truth.True), body);
    }

    /// <summary>
    /// An emitter without a branch on its truth: t = condition; truth = t + 1 (False, Unknown, Fired); the rule is
    /// written at the end of the firing list and counted only when true (t &gt;&gt; 1). A random truth pattern would
    /// mispredict a branch for every rule.
    /// </summary>
    private BlockExpression ConsiderEmitter(int rule) =>
        Expression.Block(
            Expression.Assign(_t, Node(_kernel.Program.Root[rule], _kernel.GuardTests[rule])),
            Expression.Assign(Expression.ArrayAccess(_truth, Expression.Constant(rule)), Expression.Convert(Expression.Add(_t, Expression.Constant(1)), typeof(RuleTruth))),
            Expression.Assign(Expression.ArrayAccess(_firings, _count), Expression.Constant(rule)),
            Expression.AddAssign(_count, Expression.RightShift(_t, Expression.Constant(1))));

    /// <summary>Runs <paramref name="consider"/> unless the rule's guard input is missing or its guard test not true (it then stays Skipped).</summary>
    private Expression Unless(int rule, Expression consider)
    {
        var guard = _kernel.GuardTests[rule];
        if (guard >= 0)
        {
            return Expression.IfThen(TestIs(guard, Truth.True), consider);
        }

        var slot = _kernel.Plan.GuardSlots[rule];
        return slot >= 0 ? Expression.IfThen(StatusIs(slot, FactStatus.Present), consider) : consider;
    }

    /// <summary>t = condition; truth = t + 1 (False, Unknown, Fired); fire when true.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="fired">Whether a firing also sets the cyclic stage's <c>fired</c> flag.</param>
    /// <param name="guarded">Whether the code runs inside <see cref="Unless"/>, so that the rule's guard test is true there.</param>
    private BlockExpression Consider(int rule, bool fired, bool guarded)
    {
        Expression fire = _kernel.DerivationCount(rule) == 0
            ? Expression.Call(FireEmitterMethod, _state, Expression.Constant(rule))
            : Expression.Call(_self, FireMethod, _state, Expression.Constant(rule), Expression.Constant(_kernel.DerivationStart(rule)), Expression.Constant(_kernel.DerivationStart(rule + 1)));
        if (fired)
        {
            fire = Expression.Block(fire, Expression.Assign(_fired, Expression.Constant(true)));
        }

        return Expression.Block(
            Expression.Assign(_t, Node(_kernel.Program.Root[rule], guarded ? _kernel.GuardTests[rule] : -1)),
            Expression.Assign(Expression.ArrayAccess(_truth, Expression.Constant(rule)), Expression.Convert(Expression.Add(_t, Expression.Constant(1)), typeof(RuleTruth))),
            Expression.IfThen(Expression.Equal(_t, Expression.Constant((int)Truth.True)), fire));
    }

    /// <param name="node">The condition node.</param>
    /// <param name="guard">
    /// The rule's guard test, when <paramref name="node"/> is the rule's root and the code runs only while that test is
    /// true (inside <see cref="Unless"/> or <see cref="Bucket"/>): a true conjunct is the unit of min, so it is left out
    /// (its read and min were about a fifth of an emitter's code, which at 10,000 rules is its cost). Else -1.
    /// </param>
    private Expression Node(int node, int guard = -1)
    {
        var program = _kernel.Program;
        var items = new List<Expression>();
        for (var i = program.Start[node]; i < program.Start[node + 1]; i++)
        {
            var entry = program.Entries[i];
            if (guard >= 0 && entry == guard << 2 && !program.IsAny[node])
            {
                continue;
            }

            Expression item = (entry & ConditionProgram.IsNode) != 0
                ? Node(entry >> 2)
                : Expression.Convert(Expression.ArrayIndex(_tests, Expression.Constant(entry >> 2)), typeof(int));
            items.Add((entry & ConditionProgram.Negated) != 0 ? Expression.Call(NotMethod, item) : item);
        }

        var any = program.IsAny[node];
        if (items.Count == 0)
        {
            return Expression.Constant(ConditionSemantics.Unit(any));
        }

        // The same Kleene truth as the interpreter and the tracer, inlined: no early exit, since every item is a read.
        var fold = any ? OrMethod : AndMethod;
        return items.Skip(1).Aggregate(items[0], (acc, item) => Expression.Call(fold, acc, item));
    }

    private BinaryExpression TestIs(int test, Truth truth) =>
        Expression.Equal(Expression.ArrayIndex(_tests, Expression.Constant(test)), Expression.Constant((byte)truth));

    private BinaryExpression StatusIs(int slot, FactStatus status) =>
        Expression.Equal(Expression.Convert(Expression.ArrayIndex(_status, Expression.Constant(slot)), typeof(int)), Expression.Constant((int)status));

    private void Count(int rules)
    {
        _rules += rules;
        if (_rules >= StepRules)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_body.Count > 0)
        {
            _steps.Add(Lambda());
        }

        _body = [];
        _rules = 0;
    }

    /// <summary>
    /// The body so far as one step: the working memory's arrays in locals, and with <paramref name="checks"/> cancellation
    /// checked first and the cap last (a stage step has neither: its caller checks cancellation between stages, and a
    /// stage's firings are counted against the cap one by one).
    /// </summary>
    private KernelStep Lambda(bool checks = true)
    {
        var body = Expression.Block(
            [_tests, _status, _truth, _t, _fired, _settled, _firings, _count, _changed],
            [
                Expression.Assign(_changed, Expression.Property(_state, nameof(KernelState.Changed))),
                Expression.Assign(_tests, Expression.Property(_state, nameof(KernelState.Tests))),
                Expression.Assign(_status, Expression.Property(Expression.Property(_state, nameof(KernelState.Facts)), nameof(FactState.Status))),
                Expression.Assign(_truth, Expression.Property(_state, nameof(KernelState.Truth))),
                checks ? Expression.Call(CheckMethod, _state) : Expression.Empty(),
                .. LengthChecks(),
                .. _body,
                checks ? Expression.Call(CheckCapMethod, _state) : Expression.Empty(),
            ]);
        return Expression.Lambda<KernelStep>(body, _state, _self).Compile();
    }

    /// <summary>
    /// One read of the last element of each working-memory array the step indexes by constants: the JIT then knows
    /// every smaller constant index is in range and drops the bounds check (a compare and a branch, about 13 bytes)
    /// from each of the step's thousands of reads and writes. At 10,000 rules the code streams through the caches
    /// on every evaluation, so its size is its cost.
    /// </summary>
    private IEnumerable<Expression> LengthChecks()
    {
        var (tests, slots) = (_kernel.Tests.Count, _kernel.Index.Count);
        if (tests > 0)
        {
            yield return Expression.ArrayIndex(_tests, Expression.Constant(tests - 1));
        }

        if (slots > 0)
        {
            yield return Expression.ArrayIndex(_status, Expression.Constant(slots - 1));
            yield return Expression.ArrayIndex(_changed, Expression.Constant(((slots + 63) >> 6) - 1));
        }

        if (_kernel.RuleCount > 0)
        {
            yield return Expression.ArrayIndex(_truth, Expression.Constant(_kernel.RuleCount - 1));
        }
    }

    private SlotRetest?[] Retests()
    {
        var table = _kernel.Tests;
        var retests = new SlotRetest?[_kernel.Index.Count];
        var lane = Expression.Variable(typeof(long), "lane");
        var number = Expression.Variable(typeof(decimal), "number");
        for (var slot = 0; slot < retests.Length; slot++)
        {
            // A slot with precomputed rows is retested by one lookup and copy (Kernel.Retest), faster than any compare.
            if (table.SlotStart[slot] == table.SlotStart[slot + 1] || _kernel.Rows.Has(slot))
            {
                continue;
            }

            var body = new List<Expression>
            {
                Expression.Assign(_tests, Expression.Property(_state, nameof(KernelState.Tests))),
                Expression.Assign(lane, Expression.ArrayIndex(Expression.Property(_state, nameof(KernelState.Lanes)), Expression.Constant(slot))),
                Expression.Assign(number, Expression.ArrayIndex(Expression.Property(_state, nameof(KernelState.Numbers)), Expression.Constant(slot))),
            };
            for (var i = table.SlotStart[slot]; i < table.SlotStart[slot + 1]; i++)
            {
                var test = table.BySlot[i];
                var truth = table.Kind[test] == TestKind.Boxed
                    ? (Expression)Expression.Call(Expression.Constant(_kernel), BoxedMethod, _state, Expression.Constant(test))
                    : Expression.Condition(Holds(test, lane, number), Expression.Constant((byte)Truth.True), Expression.Constant((byte)Truth.False));
                body.Add(Expression.Assign(Expression.ArrayAccess(_tests, Expression.Constant(test)), truth));
            }

            body.Add(Expression.Empty());
            retests[slot] = Expression.Lambda<SlotRetest>(Expression.Block([_tests, lane, number], body), _state).Compile();
        }

        return retests;
    }

    /// <summary>Whether a test holds on a present value, over its lanes: the same comparisons as <see cref="Kernel"/>'s interpreter.</summary>
    private Expression Holds(int test, ParameterExpression lane, ParameterExpression number)
    {
        var table = _kernel.Tests;
        var a = table.A[test];
        var b = table.B[test];
        var d = Expression.Constant(table.D[test]);
        var e = Expression.Constant(table.E[test]);
        return table.Kind[test] switch
        {
            TestKind.Presence => Expression.Constant(a == 1),
            TestKind.Equal => Expression.Equal(lane, Expression.Constant(a)),
            TestKind.NotEqual => Expression.NotEqual(lane, Expression.Constant(a)),
            TestKind.Between when a == long.MinValue => Expression.LessThanOrEqual(lane, Expression.Constant(b)),
            TestKind.Between when b == long.MaxValue => Expression.GreaterThanOrEqual(lane, Expression.Constant(a)),
            TestKind.Between => Expression.AndAlso(Expression.GreaterThanOrEqual(lane, Expression.Constant(a)), Expression.LessThanOrEqual(lane, Expression.Constant(b))),
            TestKind.AnyBit => Expression.NotEqual(Expression.And(lane, Expression.Constant(a)), Expression.Constant(0L)),
            TestKind.NoBit => Expression.Equal(Expression.And(lane, Expression.Constant(a)), Expression.Constant(0L)),
            TestKind.AllBits => Expression.Equal(Expression.And(lane, Expression.Constant(a)), Expression.Constant(a)),
            TestKind.NumberCompare => (ComparisonOperator)a switch
            {
                ComparisonOperator.Equal => Expression.Equal(number, d),
                ComparisonOperator.NotEqual => Expression.NotEqual(number, d),
                ComparisonOperator.LessThan => Expression.LessThan(number, d),
                ComparisonOperator.LessThanOrEqual => Expression.LessThanOrEqual(number, d),
                ComparisonOperator.GreaterThan => Expression.GreaterThan(number, d),
                _ => Expression.GreaterThanOrEqual(number, d),
            },
            TestKind.NumberBetween => Expression.AndAlso(
                (a & 1) == 0 ? Expression.Constant(true) : Expression.GreaterThanOrEqual(number, d),
                (a & 2) == 0 ? Expression.Constant(true) : Expression.LessThanOrEqual(number, e)),
            _ => throw new InvalidOperationException($"test kind {table.Kind[test]} has no compiled form"),
        };
    }
}
