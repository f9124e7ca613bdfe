using System.Collections.Immutable;
using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Engine;

/// <summary>
/// Reusable working memory for evaluating one rule set without allocating, for one thread at a time: evaluate into it
/// with <see cref="CompiledRuleSet.Evaluate(FactSet, EvaluationBuffer, EvaluationOptions?, CancellationToken)"/>, read
/// the decision, and call <see cref="ToResult"/> only when explanations are wanted. Inputs can also be set straight
/// into it, by position: <see cref="Clear"/>, then the <c>Set</c> methods with facts from
/// <see cref="CompiledRuleSet.FindInput"/>, then <see cref="Evaluate"/>.
/// </summary>
public sealed class EvaluationBuffer
{
    private readonly int[] _ranks;
    private readonly Outcome[] _outcomes;
    private int _outcomeCount = -1;
    private long[] _pairs = new long[64];
    private MissingInput[] _missing = new MissingInput[64];
    private int _missingCount = -1;
    private int[] _missingSlots = new int[16];
    private ulong[] _missingRows = new ulong[32];
    private int _missingSlotCount = -1;
    private bool _complete;
    private bool _accepting;

    internal EvaluationBuffer(CompiledRuleSet ruleSet)
    {
        RuleSet = ruleSet;
        State = ruleSet.Kernel.CreateState();
        var most = ruleSet.Rules.Sum(r => r.Outcomes.Length);
        _ranks = new int[most];
        _outcomes = new Outcome[most];
    }

    /// <summary>The rule set this buffer evaluates.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>How many rules fired in the last evaluation.</summary>
    public int FiredCount => Completed().FiringCount;

    internal KernelState State { get; }

    /// <summary>Whether the rule fired in the last evaluation; false for an unknown rule id.</summary>
    public bool Fired(string ruleId)
    {
        var index = RuleSet.IndexOf(ruleId);
        return index >= 0 && Completed().Truth[index] == RuleTruth.Fired;
    }

    /// <summary>The value of a fact after the last evaluation, or null when it is absent, not derived or undecided.</summary>
    public TypedValue? GetFact(string name)
    {
        _ = Completed();
        return RuleSet.Facts.TryGet(name, out var slot) ? GetFact(slot) : null;
    }

    /// <summary>The value of the fact at <paramref name="index"/> (<see cref="CompiledRuleSet.IndexOfFact"/>) after the last evaluation, or null when it is absent, not derived or undecided.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No fact has that index.</exception>
    public TypedValue? GetFact(int index)
    {
        var state = Completed();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, state.Facts.Status.Length);
        var slot = index;
        if (state.Facts.Status[slot] != FactStatus.Present)
        {
            return null;
        }

        // An input set by position has its value made only when read.
        return state.Facts.Values[slot] ?? RuleSet.Kernel.Layout.ValueOf(slot, state.Lanes[slot]);
    }

    /// <summary>Starts a new set of inputs: every input missing until set; the previous evaluation is no longer readable.</summary>
    public void Clear()
    {
        Invalidate();
        RuleSet.Kernel.Reset(State);
        _accepting = true;
    }

    /// <summary>Sets a boolean input fact (after <see cref="Clear"/>; setting a fact again replaces its value).</summary>
    /// <exception cref="ArgumentException">The fact belongs to another rule set or is not boolean.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    public void Set(InputFact fact, bool value) => RuleSet.Kernel.SetLane(State, Accept(fact, FactType.Boolean), value ? 1L : 0L);

    /// <summary>Sets an integer input fact (after <see cref="Clear"/>; setting a fact again replaces its value).</summary>
    /// <exception cref="ArgumentException">The fact belongs to another rule set or is not an integer, or the value is out of the supported range.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    public void Set(InputFact fact, long value)
    {
        var slot = Accept(fact, FactType.Integer);
        // Compared as longs, not through decimal (as it was): the same bound, a cost paid on every integer an input sets.
        if (value is > FactLayout.WholeLimit or < -FactLayout.WholeLimit)
        {
            throw new ArgumentException($"fact '{fact.Name}' is outside the supported range (magnitude at most {FactLayout.WholeLimit})", nameof(value));
        }

        RuleSet.Kernel.SetLane(State, slot, value);
    }

    /// <summary>Sets an enum input fact to the allowed value at <paramref name="symbol"/> (see <see cref="InputFact.SymbolIndex"/>).</summary>
    /// <exception cref="ArgumentException">The fact belongs to another rule set or is not an enum, or the index is not an allowed value's.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    public void SetSymbol(InputFact fact, int symbol)
    {
        var slot = Accept(fact, FactType.Enum);
        CheckSymbol(fact, symbol);
        var kernel = RuleSet.Kernel;
        if (kernel.Layout.Kinds[slot] == SlotKind.EnumBit)
        {
            kernel.SetLane(State, slot, 1L << symbol);
        }
        else
        {
            kernel.SetInput(State, slot, kernel.Layout.SymbolValues[slot]![symbol], 0L, 0m);
        }
    }

    /// <summary>Sets an enum-set input fact to the allowed values at <paramref name="symbols"/>; order and repeats do not matter, and none is the empty set.</summary>
    /// <exception cref="ArgumentException">The fact belongs to another rule set or is not an enum set, or an index is not an allowed value's.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    public void SetSymbols(InputFact fact, ReadOnlySpan<int> symbols)
    {
        var slot = Accept(fact, FactType.EnumSet);
        var mask = 0L;
        foreach (var symbol in symbols)
        {
            CheckSymbol(fact, symbol);
            mask |= 1L << symbol;
        }

        var kernel = RuleSet.Kernel;
        if (kernel.Layout.Kinds[slot] == SlotKind.SetMask)
        {
            kernel.SetLane(State, slot, mask);
            return;
        }

        var names = new string[symbols.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = fact.Symbols[symbols[i]];
        }

        kernel.SetInput(State, slot, TypedValue.EnumSet(names), 0L, 0m);
    }

    /// <summary>Sets an input fact of any type to a value checked as <see cref="CompiledRuleSet.Evaluate(FactSet, EvaluationOptions?, CancellationToken)"/> checks it.</summary>
    /// <exception cref="ArgumentException">The fact belongs to another rule set, or the value has the wrong type or is not allowed.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    public void Set(InputFact fact, TypedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slot = Accept(fact, fact.Type);
        RuleSet.CheckInput(fact.Name, value);
        RuleSet.Kernel.SetInput(State, slot, value, RuleSet.Kernel.Layout.Lane(slot, value), value.Number);
    }

    /// <summary>Runs the rule set over the inputs set since <see cref="Clear"/>, allocating nothing; read the decision from the buffer.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Clear"/> was not called since the last evaluation.</exception>
    /// <exception cref="EvaluationLimitExceededException">The evaluation exceeded <see cref="EvaluationOptions.MaxFirings"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void Evaluate(EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_accepting)
        {
            throw new InvalidOperationException("call Clear and set the inputs before evaluating");
        }

        _accepting = false;
        RuleSet.RunInputs(this, options, cancellationToken);
        Complete();
    }

    /// <summary>Requests for input facts made by rules that fired in the last evaluation, sorted by fact (as <see cref="RuleSetEvaluation.DataRequests"/>).</summary>
    public ImmutableArray<DataRequest> DataRequests() =>
        System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(DataRequestCollector.Collect(RuleSet, Completed().Firings.AsSpan(0, State.FiringCount)));

    /// <summary>Absent input facts that would decide rules the last evaluation left undecided, sorted by fact (as <see cref="RuleSetEvaluation.MissingFacts"/>).</summary>
    public ImmutableArray<MissingFact> MissingFacts()
    {
        var state = Completed();
        return MissingFactFinder.Find(RuleSet, state.Facts.Status, state.Truth, state.Tests);
    }

    /// <summary>
    /// Pairs of an absent input fact and an undecided rule it would decide, sorted by fact and then rule, each once: what
    /// <see cref="MissingFacts"/> groups, by index and with nothing allocated; valid until the next evaluation.
    /// </summary>
    public ReadOnlySpan<MissingInput> MissingInputs()
    {
        var state = Completed();
        if (_missingCount < 0)
        {
            var count = MissingFactFinder.Pairs(RuleSet, state.Facts.Status, state.Truth, state.Tests, ref _pairs);
            if (_missing.Length < count)
            {
                _missing = new MissingInput[_pairs.Length];
            }

            for (var i = 0; i < count; i++)
            {
                _missing[i] = new MissingInput((int)(_pairs[i] >> 32), (int)_pairs[i]);
            }

            _missingCount = count;
        }

        return _missing.AsSpan(0, _missingCount);
    }

    /// <summary>How many 64-bit words a row of <see cref="MissingInputRules"/> takes: one bit per rule of <see cref="CompiledRuleSet.RulesById"/>.</summary>
    public int RuleWords => RuleSet.MissingIndex.Words;

    /// <summary>
    /// The facts of <see cref="MissingInputs"/>, each once (<see cref="InputFact.Index"/>, ascending); valid until the next
    /// evaluation. Their rules are <see cref="MissingInputRules"/>.
    /// </summary>
    public ReadOnlySpan<int> MissingInputFacts()
    {
        var count = MissingRowCount();
        return _missingSlots.AsSpan(0, count);
    }

    /// <summary>
    /// Per fact of <see cref="MissingInputFacts"/>, in its order, the rules it would decide as a row of <see cref="RuleWords"/>
    /// words (rule index i is bit i % 64 of word i / 64): the rules <see cref="MissingInputs"/> pairs with it, made without
    /// listing the pairs; valid until the next evaluation.
    /// </summary>
    public ReadOnlySpan<ulong> MissingInputRules()
    {
        var count = MissingRowCount();
        return _missingRows.AsSpan(0, count * RuleWords);
    }

    /// <summary>The indexes in <see cref="CompiledRuleSet.RulesById"/> of the rules that fired in the last evaluation, in firing order; valid until the next evaluation.</summary>
    public ReadOnlySpan<int> FiredRules()
    {
        var state = Completed();
        return state.Firings.AsSpan(0, state.FiringCount);
    }

    /// <summary>The outcomes of the last evaluation, ordered by kind, code and rule id; valid until the next evaluation.</summary>
    public ReadOnlySpan<Outcome> Outcomes()
    {
        var indexes = OutcomeIndexes();
        var possible = RuleSet.PossibleOutcomeArray;
        for (var i = 0; i < indexes.Length; i++)
        {
            _outcomes[i] = possible[indexes[i]];
        }

        return _outcomes.AsSpan(0, indexes.Length);
    }

    /// <summary>The indexes in <see cref="CompiledRuleSet.PossibleOutcomes"/> of the last evaluation's outcomes, ascending (the order of <see cref="Outcomes"/>); valid until the next evaluation.</summary>
    public ReadOnlySpan<int> OutcomeIndexes()
    {
        var state = Completed();
        if (_outcomeCount < 0)
        {
            var count = 0;
            var rows = RuleSet.OutcomeRows;
            if (rows.Length > 0)
            {
                // A rule fires at most once, so ranks are distinct: its rank marked (or its row of ranks ORed in, for a rule
                // with several), they are read back in order.
                var words = RuleSet.OutcomeWords;
                var ranks = RuleSet.OutcomeRanks;
                Span<ulong> marks = stackalloc ulong[8];
                marks.Clear();
                for (var i = 0; i < state.FiringCount; i++)
                {
                    var rule = state.Firings[i];
                    var rank = ranks[rule];
                    if (rank >= 0)
                    {
                        marks[rank >> 6] |= 1UL << rank;
                    }
                    else if (rank < -1)
                    {
                        var row = rows.AsSpan(rule * words, words);
                        for (var w = 0; w < words; w++)
                        {
                            marks[w] |= row[w];
                        }
                    }
                }

                for (var w = 0; w < words; w++)
                {
                    for (var bits = marks[w]; bits != 0; bits &= bits - 1)
                    {
                        _ranks[count++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    }
                }
            }
            else
            {
                for (var i = 0; i < state.FiringCount; i++)
                {
                    foreach (var (rank, _) in RuleSet.Rules[state.Firings[i]].Outcomes)
                    {
                        _ranks[count++] = rank;
                    }
                }

                _ranks.AsSpan(0, count).Sort();
            }

            _outcomeCount = count;
        }

        return _ranks.AsSpan(0, _outcomeCount);
    }

    /// <summary>Copies the last evaluation into a result with explanations, why-not and missing facts (this allocates).</summary>
    public RuleSetEvaluation ToResult() => RuleSet.Snapshot(Completed());

    internal void Invalidate()
    {
        _missingSlotCount = -1;
        _complete = false;
        _accepting = false;
        _outcomeCount = -1;
        _missingCount = -1;
    }

    internal void Complete() => _complete = true;

    private int Accept(InputFact fact, FactType type)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!ReferenceEquals(fact.RuleSet, RuleSet))
        {
            throw new ArgumentException("the fact belongs to another rule set", nameof(fact));
        }

        if (fact.Type != type)
        {
            throw new ArgumentException($"fact '{fact.Name}' is {fact.Type}, not {type}", nameof(fact));
        }

        return _accepting ? fact.Slot : throw new InvalidOperationException("call Clear before setting inputs");
    }

    private int MissingRowCount()
    {
        var state = Completed();
        if (_missingSlotCount < 0)
        {
            _missingSlotCount = MissingFactFinder.Rows(RuleSet, state.Facts.Status, state.Truth, state.Tests, ref _missingSlots, ref _missingRows, ref _pairs);
        }

        return _missingSlotCount;
    }

    private static void CheckSymbol(InputFact fact, int symbol)
    {
        if ((uint)symbol >= (uint)fact.Symbols.Length)
        {
            throw new ArgumentException($"{symbol} is not the index of an allowed value of fact '{fact.Name}'", nameof(symbol));
        }
    }

    private KernelState Completed() =>
        _complete ? State : throw new InvalidOperationException("the buffer holds no completed evaluation");
}
