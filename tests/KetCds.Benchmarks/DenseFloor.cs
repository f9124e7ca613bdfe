using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using KetCds.Engine;
using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;

namespace KetCds.Benchmarks;

/// <summary>
/// A benchmark-only "floor" evaluator for rule sets shaped like the synthetic ones (conjunctions of at most four
/// clauses of at most two literals, boolean derived facts every producer of which derives true, no cycles): it computes
/// what the engine computes (every rule's truth, every test's truth, every fact's status, the firings in order; see
/// <see cref="Check"/>) from truth bytes 0 false, 1 unknown, 3 true, so that Kleene min and max are also bitwise and
/// and or, with a negated copy of every test a rule reads negated. Two methods over the same tables: <see cref="Run"/>
/// evaluates 8 rules at a time by AVX2 gathers and vector min/max, derived facts settled 8 at a time (their producers
/// laid out transposed), firings compressed out of each block; <see cref="RunScalar"/> lists the rules whose guard is
/// not false and evaluates only those, branch-free, in runs of one shape (deriving rules per level). Not a replacement for the engine:
/// no priorities, conflicts, cyclic stages, non-clause conditions, decimals or boxed values (it throws at construction
/// for a rule set that needs them), no why-not or missing-data rows. It measures how fast such an evaluation can be.
/// </summary>
internal sealed unsafe class DenseFloor
{
    private const int Width = 8;
    private const byte False = 0;
    private const byte True = 3;

    private readonly Kernel _kernel;
    private readonly int _ruleCount;

    // Truth bytes: [0] false, [1] true, then each input slot's tests (16-aligned runs), then one byte per derived fact
    // (its one test, "is true", has the fact's Kleene truth); the same again from _mirror, negated (2 - x), so a negated
    // literal is a plain read. Pinned: the gathers take its address.
    private readonly byte[] _truth;
    private readonly byte[] _initial;
    private readonly byte* _t;
    private readonly int _mirror;

    private readonly FloorInput[] _inputs;
    private readonly byte[] _rows;
    private readonly byte* _r;
    private readonly FactStatus[] _status;
    private readonly FactStatus[] _initialStatus;
    private readonly long[] _lanes;

    // Per engine test, its position in the truth bytes; per derived slot, its byte; per rule, its position in _ruleTruth.
    private readonly int[] _testPosition;
    private readonly int[] _derivedPosition;
    private readonly int[] _rulePosition;

    // The blocks in evaluation order: per block a shape (clause count in bits 0-2, two-literal clauses in bits 3-6) and
    // its literal positions, 8 ushorts each: the guards, then per clause one or two literals.
    private readonly ushort[] _literals;
    private readonly ushort* _l;
    private readonly byte[] _shapes;

    // Deriving blocks come first, in groups of 8 facts of one level: group g has _groupBlocks[g] blocks (block k lane j
    // is the k-th producer of the group's fact j) and its facts' bytes start at _groupFacts[g].
    private readonly int[] _groupBlocks;
    private readonly int[] _groupFacts;

    // The rule truths by position (RuleTruth: 0 skipped, 1 false, 2 unknown, 3 fired), and each position's rule id.
    private readonly byte[] _ruleTruth;
    private readonly byte* _rt;
    private readonly int[] _ids;

    // The deriving rules in the engine's firing order (stages in order, rules in stage order), by position, for the
    // pass that lists their firings: gathers of _ruleTruth.
    private readonly ushort[] _deriverOrder;
    private readonly ushort* _d;
    private readonly int[] _deriverIds;

    private readonly int[] _firings;
    private readonly int _emitterBlocks;

    // Per position its guard's byte and its condition as four clauses of two literals (the guard's clause among them,
    // padded by repeating the first): what the lower bounds (ReadSet, SlotWords) read. The scalar method's work list.
    private readonly ushort[] _guardPosition;
    private readonly ushort[] _records;
    private readonly int[] _work;

    // Per rule in the engine's firing order (its place: stage rules in stage order, then the emitters), a byte set when
    // it fires, scanned 64 at a time for the firing list; the rule at each place.
    private readonly byte[] _fired;
    private readonly byte* _fd;
    private readonly int[] _byPlace;

    // The emitters for the scalar method, in runs of one shape (singles one-literal clauses, then doubles two-literal
    // ones, the guard's apart): per emitter its position, its place, its guard's byte and its literals' bytes.
    private readonly ushort[] _emitterRecords;
    private readonly ushort* _er;
    private readonly (int Offset, int Count, int Singles, int Doubles)[] _emitterRuns;

    // The deriving rules for the scalar method, per level in runs of one shape: per rule its position, its place, its
    // guard's byte, its fact's byte (or-ed into: Kleene or over the producers) and its other literals; per level its
    // runs and the span of its facts' bytes, whose negations are written once the level is done.
    private readonly ushort[] _deriverRecords;
    private readonly ushort* _dr;
    private readonly (int Offset, int Count, int Singles, int Doubles)[] _deriverRuns;
    private readonly (int FirstRun, int EndRun, int FactStart, int FactEnd)[] _levels;

    /// <summary>Builds the floor's tables from a compiled rule set; throws <see cref="NotSupportedException"/> for anything it does not model.</summary>
    /// <param name="set">The compiled rule set.</param>
    /// <param name="packed">Whether input slots' truths are packed (else each slot's run starts 16-aligned): packed, the truth bytes the rules read take half the cache lines.</param>
    public DenseFloor(CompiledRuleSet set, bool packed = false)
    {
        _kernel = set.Kernel;
        var kernel = _kernel;
        var tests = kernel.Tests;
        var plan = kernel.Plan;
        var index = kernel.Index;
        _ruleCount = kernel.RuleCount;
        var slots = index.Count;
        var derived = Enumerable.Range(0, slots).Where(s => index.Definitions[s].Origin != FactOrigin.Input).ToArray();

        // Clause forms, as the engine makes them.
        var clauses = new int[_ruleCount][];
        for (var r = 0; r < _ruleCount; r++)
        {
            clauses[r] = new int[ClauseForm.Slots];
            if (!ClauseForm.TryWrite(kernel.Program, kernel.Program.Root[r], clauses[r]))
            {
                throw new NotSupportedException($"rule {r} has no clause form");
            }
        }

        var negatedTest = new bool[tests.Count];
        foreach (var form in clauses)
        {
            foreach (var literal in form)
            {
                negatedTest[literal >> 1] |= (literal & 1) != 0;
            }
        }

        // Truth layout: constants, input regions, derived bytes.
        _testPosition = new int[tests.Count];
        _derivedPosition = new int[slots];
        Array.Fill(_derivedPosition, -1);
        _inputs = new FloorInput[slots];
        var position = 16;
        var rows = new List<byte>();
        var scratch = new byte[tests.Count];
        for (var slot = 0; slot < slots; slot++)
        {
            if (index.Definitions[slot].Origin != FactOrigin.Input)
            {
                continue;
            }

            var (start, end) = (tests.SlotStart[slot], tests.SlotStart[slot + 1]);
            var width = end - start;
            var stride = packed ? width : (width + 15) & ~15;
            var negated = Enumerable.Range(start, width).Any(t => negatedTest[t]);
            for (var t = start; t < end; t++)
            {
                _testPosition[t] = position + t - start;
            }

            if (width > 0 && !kernel.Rows.Has(slot))
            {
                throw new NotSupportedException($"input slot {slot} has no truth rows");
            }

            var kind = kernel.Layout.Kinds[slot];
            var (low, last) = kind switch
            {
                SlotKind.Boolean => (0L, 1L),
                SlotKind.Whole => WholeRange(tests, start, end),
                SlotKind.EnumBit => (0L, kernel.Layout.SymbolNames[slot]!.Length - 1L),
                SlotKind.SetMask when kernel.Layout.SymbolNames[slot]!.Length <= 8 => (0L, (1L << kernel.Layout.SymbolNames[slot]!.Length) - 1),
                _ => throw new NotSupportedException($"input slot {slot} is {kind}"),
            };
            var rowBytes = width * (negated ? 2 : 1);
            if (low is < int.MinValue / 2 or > int.MaxValue / 2 || width > 64 || position > ushort.MaxValue)
            {
                throw new NotSupportedException($"input slot {slot} does not fit the floor's input record");
            }

            _inputs[slot] = new FloorInput((int)low, (int)last, rows.Count, (ushort)position, (byte)width, (byte)((kind == SlotKind.EnumBit ? 1 : 0) | (negated ? 2 : 0)));
            for (var key = 0L; key <= last; key++)
            {
                var lane = kind == SlotKind.EnumBit ? 1L << (int)key : low + key;
                var row = new byte[rowBytes];
                if (width > 0 && !kernel.Rows.TryPresent(slot, lane, scratch))
                {
                    throw new NotSupportedException($"input slot {slot} has no truth rows");
                }

                for (var t = 0; t < width; t++)
                {
                    row[t] = Code(scratch[start + t]);
                    if (negated)
                    {
                        row[width + t] = NotCode(scratch[start + t]);
                    }
                }

                rows.AddRange(row);
            }

            position += stride;
        }

        // Derived facts: levels (1 + the highest level a producer reads), then groups of 8 facts of one level.
        var level = new int[slots];
        foreach (var stage in plan.Stages)
        {
            if (stage.Cyclic)
            {
                throw new NotSupportedException("cyclic stage");
            }

            foreach (var slot in stage.Facts)
            {
                var deepest = 0;
                foreach (var (producer, value) in plan.RankedProducers[slot])
                {
                    if (!value.Equals(TypedValue.True) || kernel.DerivationCount(producer) != 1)
                    {
                        throw new NotSupportedException($"rule {producer} does not derive exactly one fact true");
                    }

                    foreach (var literal in clauses[producer])
                    {
                        var read = tests.Slot[literal >> 1];
                        if (index.Definitions[read].Origin != FactOrigin.Input)
                        {
                            deepest = Math.Max(deepest, level[read]);
                        }
                    }
                }

                level[slot] = deepest + 1;
                var (start, end) = (tests.SlotStart[slot], tests.SlotStart[slot + 1]);
                for (var t = start; t < end; t++)
                {
                    // Only "is true": its truth is the fact's Kleene truth (present true 2, not derived 0, undecided 1).
                    if (tests.Kind[t] != TestKind.Equal || tests.A[t] != 1 || tests.AbsentTruth[t][(int)FactStatus.NotDerived] != False || tests.AbsentTruth[t][(int)FactStatus.Undecided] != 1)
                    {
                        throw new NotSupportedException($"derived slot {slot} has a test other than 'is true'");
                    }
                }
            }
        }

        // Groups of 8 facts of one level, levels in order: no group reads its own facts.
        var groups = derived.GroupBy(s => level[s]).OrderBy(l => l.Key).SelectMany(l => l.Order().Chunk(Width)).ToList();
        position = (position + 15) & ~15;
        _groupFacts = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            _groupFacts[g] = position;
            for (var j = 0; j < groups[g].Length; j++)
            {
                var slot = groups[g][j];
                _derivedPosition[slot] = position + j;
                for (var t = tests.SlotStart[slot]; t < tests.SlotStart[slot + 1]; t++)
                {
                    _testPosition[t] = position + j;
                }
            }

            position += Width;
        }

        _mirror = (position + 63) & ~63;
        if (2 * _mirror > ushort.MaxValue)
        {
            throw new NotSupportedException("too many tests for 16-bit literal positions");
        }

        _truth = GC.AllocateArray<byte>((2 * _mirror) + 64, pinned: true);
        _initial = new byte[_truth.Length];
        _initial[1] = True;
        _initial[_mirror] = True;
        for (var t = 0; t < tests.Count; t++)
        {
            _initial[_testPosition[t]] = Code(tests.Initial[t]);
            _initial[_mirror + _testPosition[t]] = NotCode(tests.Initial[t]);
        }

        _t = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_truth));
        _rows = GC.AllocateArray<byte>(rows.Count + 64, pinned: true);
        rows.CopyTo(_rows);
        _r = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_rows));
        _status = new FactStatus[slots];
        _initialStatus = (FactStatus[])index.InitialStatus.Clone();
        _lanes = new long[slots];

        // Blocks: the deriving groups, then the emitters in the engine's firing order.
        var literals = new List<ushort>();
        var shapes = new List<byte>();
        var guardPositions = new List<ushort>();
        var records = new List<ushort>();
        var rest = new List<(int A, int B)>?[_ruleCount];
        var guardOf = new int[_ruleCount];
        var ids = new List<int>();
        _rulePosition = new int[_ruleCount];
        Array.Fill(_rulePosition, -1);
        _groupBlocks = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var producers = groups[g].Select(s => plan.Producers[s]).ToArray();
            _groupBlocks[g] = producers.Max(p => p.Length);
            for (var k = 0; k < _groupBlocks[g]; k++)
            {
                AddBlock([.. Enumerable.Range(0, Width).Select(j => j < producers.Length && k < producers[j].Length ? producers[j][k] : -1)]);
            }
        }

        var emitters = plan.UnguardedEmitters.Concat(kernel.GuardedEmitters.Where(b => b is not null).SelectMany(b => b!).SelectMany(b => b.Rules)).ToArray();
        var stageRules = plan.Stages.SelectMany(s => s.Rules).ToArray();
        if (emitters.Length + stageRules.Length != _ruleCount || emitters.Intersect(stageRules).Any())
        {
            throw new NotSupportedException("rules neither in a stage nor an emitter");
        }

        _emitterBlocks = (emitters.Length + Width - 1) / Width;
        for (var b = 0; b < _emitterBlocks; b++)
        {
            AddBlock([.. Enumerable.Range(b * Width, Width).Select(i => i < emitters.Length ? emitters[i] : -1)]);
        }

        _literals = GC.AllocateArray<ushort>(literals.Count + 16, pinned: true);
        literals.CopyTo(_literals);
        _l = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_literals));
        _shapes = [.. shapes];
        _ids = [.. ids, .. new int[Width]];
        _ruleTruth = GC.AllocateArray<byte>(ids.Count + 64, pinned: true);
        _rt = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_ruleTruth));
        var deriverBlocks = (stageRules.Length + Width - 1) / Width;
        _deriverOrder = GC.AllocateArray<ushort>((deriverBlocks * Width) + 16, pinned: true);
        _deriverIds = new int[(deriverBlocks * Width) + Width];
        for (var i = 0; i < deriverBlocks * Width; i++)
        {
            // Padding reads position ids.Count, a byte that stays 0 (skipped), so it never fires.
            _deriverOrder[i] = (ushort)(i < stageRules.Length ? _rulePosition[stageRules[i]] : ids.Count);
            _deriverIds[i] = i < stageRules.Length ? stageRules[i] : -1;
        }

        _d = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_deriverOrder));
        _firings = new int[_ruleCount + 16];
        _guardPosition = GC.AllocateArray<ushort>(guardPositions.Count, pinned: true);
        guardPositions.CopyTo(_guardPosition);
        _records = GC.AllocateArray<ushort>(records.Count, pinned: true);
        records.CopyTo(_records);
        _work = new int[ids.Count];
        _byPlace = [.. stageRules, .. emitters, .. new int[((_ruleCount + 63) & ~63) - _ruleCount + 64]];
        _fired = GC.AllocateArray<byte>(((_ruleCount + 63) & ~63) + 64, pinned: true);
        _fd = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_fired));
        var emitterRecords = new List<ushort>();
        var runs = new List<(int Offset, int Count, int Singles, int Doubles)>();
        var shaped = emitters.Select((rule, i) => (Rule: rule, Place: stageRules.Length + i, Clauses: rest[rule]!))
            .GroupBy(e => (Singles: e.Clauses.Count(c => c.A == c.B), Doubles: e.Clauses.Count(c => c.A != c.B)));
        foreach (var shape in shaped.OrderBy(g => g.Key.Singles).ThenBy(g => g.Key.Doubles))
        {
            runs.Add((emitterRecords.Count, shape.Count(), shape.Key.Singles, shape.Key.Doubles));
            foreach (var (rule, place, clausesOf) in shape)
            {
                emitterRecords.Add((ushort)_rulePosition[rule]);
                emitterRecords.Add((ushort)place);
                emitterRecords.Add((ushort)guardOf[rule]);
                emitterRecords.AddRange(clausesOf.Where(c => c.A == c.B).Select(c => (ushort)c.A));
                emitterRecords.AddRange(clausesOf.Where(c => c.A != c.B).SelectMany(c => new[] { (ushort)c.A, (ushort)c.B }));
            }
        }

        _emitterRecords = GC.AllocateArray<ushort>(emitterRecords.Count + 16, pinned: true);
        emitterRecords.CopyTo(_emitterRecords);
        _er = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_emitterRecords));
        _emitterRuns = [.. runs];
        var deriverRecords = new List<ushort>();
        var deriverRuns = new List<(int Offset, int Count, int Singles, int Doubles)>();
        var levels = new List<(int FirstRun, int EndRun, int FactStart, int FactEnd)>();
        foreach (var levelGroups in Enumerable.Range(0, groups.Count).GroupBy(g => level[groups[g][0]]).OrderBy(l => l.Key))
        {
            var firstRun = deriverRuns.Count;
            var producers = levelGroups.SelectMany(g => groups[g]).SelectMany(slot => plan.Producers[slot].Select(rule => (Rule: rule, Slot: slot)))
                .Select(p => (p.Rule, p.Slot, Clauses: rest[p.Rule]!))
                .GroupBy(p => (Singles: p.Clauses.Count(c => c.A == c.B), Doubles: p.Clauses.Count(c => c.A != c.B)));
            foreach (var shape in producers.OrderBy(g => g.Key.Singles).ThenBy(g => g.Key.Doubles))
            {
                deriverRuns.Add((deriverRecords.Count, shape.Count(), shape.Key.Singles, shape.Key.Doubles));
                foreach (var (rule, slot, clausesOf) in shape)
                {
                    deriverRecords.Add((ushort)_rulePosition[rule]);
                    deriverRecords.Add((ushort)Array.IndexOf(stageRules, rule));
                    deriverRecords.Add((ushort)guardOf[rule]);
                    deriverRecords.Add((ushort)_derivedPosition[slot]);
                    deriverRecords.AddRange(clausesOf.Where(c => c.A == c.B).Select(c => (ushort)c.A));
                    deriverRecords.AddRange(clausesOf.Where(c => c.A != c.B).SelectMany(c => new[] { (ushort)c.A, (ushort)c.B }));
                }
            }

            levels.Add((firstRun, deriverRuns.Count, _groupFacts[levelGroups.First()], _groupFacts[levelGroups.Last()] + Width));
        }

        _deriverRecords = GC.AllocateArray<ushort>(deriverRecords.Count + 16, pinned: true);
        deriverRecords.CopyTo(_deriverRecords);
        _dr = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_deriverRecords));
        _deriverRuns = [.. deriverRuns];
        _levels = [.. levels];

        void AddBlock(int[] rules)
        {
            // Per rule: its guard's position, and its clauses other than the guard's, deduplicated, one-literal ones first.
            var forms = new List<(int A, int B)>[Width];
            var guards = new int[Width];
            for (var j = 0; j < Width; j++)
            {
                var r = rules[j];
                forms[j] = [];
                if (r < 0)
                {
                    guards[j] = 0;
                    continue;
                }

                _rulePosition[r] = ids.Count + j;
                var guard = kernel.GuardTests[r];
                if (guard < 0 && plan.GuardSlots[r] >= 0)
                {
                    throw new NotSupportedException($"rule {r} is guarded by presence alone");
                }

                guards[j] = guard < 0 ? 1 : _testPosition[guard];
                var form = clauses[r];
                for (var c = 0; c < ClauseForm.Slots / 2; c++)
                {
                    var (a, b) = (form[2 * c], form[(2 * c) + 1]);
                    if (a == guard << 1 && b == guard << 1)
                    {
                        continue;
                    }

                    var clause = (Literal(a), Literal(b));
                    clause = clause.Item1 == clause.Item2 ? clause : (Math.Min(clause.Item1, clause.Item2), Math.Max(clause.Item1, clause.Item2));
                    if (!forms[j].Contains(clause))
                    {
                        forms[j].Add(clause);
                    }
                }

                forms[j] = [.. forms[j].OrderBy(c => c.A == c.B ? 0 : 1)];
            }

            var count = forms.Max(f => f.Count);
            var shape = count;
            for (var c = 0; c < count; c++)
            {
                shape |= forms.Any(f => c < f.Count && f[c].A != f[c].B) ? 1 << (3 + c) : 0;
            }

            shapes.Add((byte)shape);
            literals.AddRange(guards.Select(g => (ushort)g));
            for (var c = 0; c < count; c++)
            {
                // A rule with fewer clauses repeats its guard (min is idempotent); a dummy lane reads false.
                literals.AddRange(Enumerable.Range(0, Width).Select(j => (ushort)(c < forms[j].Count ? forms[j][c].A : guards[j])));
                if ((shape & (1 << (3 + c))) != 0)
                {
                    literals.AddRange(Enumerable.Range(0, Width).Select(j => (ushort)(c < forms[j].Count ? forms[j][c].B : guards[j])));
                }
            }

            ids.AddRange(rules);
            for (var j = 0; j < Width; j++)
            {
                if (rules[j] >= 0)
                {
                    rest[rules[j]] = forms[j];
                    guardOf[rules[j]] = guards[j];
                }

                guardPositions.Add((ushort)guards[j]);
                List<(int A, int B)> all = rules[j] >= 0 && kernel.GuardTests[rules[j]] >= 0 ? [(guards[j], guards[j]), .. forms[j]] : [.. forms[j]];
                if (all.Count == 0)
                {
                    all.Add((guards[j], guards[j]));
                }

                if (all.Count > 4)
                {
                    throw new NotSupportedException($"rule {rules[j]} has more than four clauses");
                }

                for (var c = 0; c < 4; c++)
                {
                    records.Add((ushort)all[c < all.Count ? c : 0].A);
                    records.Add((ushort)all[c < all.Count ? c : 0].B);
                }
            }
        }

        int Literal(int literal) => ((literal & 1) != 0 ? _mirror : 0) + _testPosition[literal >> 1];
    }

    /// <summary>Blocks of 8 rules evaluated per run.</summary>
    public int Blocks => _shapes.Length;

    /// <summary>Gathers of 8 truths per run: the blocks' literal vectors and the deriving firings' pass.</summary>
    public int Gathers => (_literals.Length - 16) / Width + (_deriverIds.Length / Width) - 1;

    /// <summary>Guarded emitter buckets (emitters sharing one guard test): the guard reads a per-bucket skip would make for the emitters.</summary>
    public int EmitterBuckets => _kernel.GuardedEmitters.Sum(b => b?.Length ?? 0);

    /// <summary>
    /// Per input slot, the distinct words of 64 rule positions that hold a literal on it (flat: slot s's words are
    /// words[start[s]..start[s + 1]]): the masks a bit-parallel method would apply per evaluation if it set each input's
    /// literal bits in rule-aligned words (a true plane and a false plane) when the input is set.
    /// </summary>
    public (int[] Start, int[] Words) SlotWords()
    {
        var slotAt = new int[_truth.Length];
        Array.Fill(slotAt, -1);
        var tests = _kernel.Tests;
        for (var test = 0; test < tests.Count; test++)
        {
            if (_derivedPosition[tests.Slot[test]] < 0)
            {
                slotAt[_testPosition[test]] = slotAt[_mirror + _testPosition[test]] = tests.Slot[test];
            }
        }

        var words = new SortedSet<int>?[_inputs.Length];
        for (var q = 0; q < _guardPosition.Length; q++)
        {
            for (var k = 0; k < 8; k++)
            {
                if (_ids[q] >= 0 && slotAt[_records[(q * 8) + k]] is var slot and >= 0)
                {
                    (words[slot] ??= []).Add(q >> 6);
                }
            }
        }

        var start = new int[_inputs.Length + 1];
        for (var slot = 0; slot < _inputs.Length; slot++)
        {
            start[slot + 1] = start[slot] + (words[slot]?.Count ?? 0);
        }

        return (start, [.. words.SelectMany(w => w ?? [])]);
    }

    /// <summary>
    /// Only the bit-parallel method's per-input work, without the rules' logic: for each supplied input, for each word
    /// holding a literal on it, a mask and-ed into the true plane and one or-ed into the false plane.
    /// </summary>
    public static ulong Scatter(int[] slots, int[] start, int[] words, ulong[] masks, ulong[] truePlane, ulong[] falsePlane)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            for (var j = start[slot]; j < start[slot + 1]; j++)
            {
                var w = words[j];
                truePlane[w] &= masks[2 * j];
                falsePlane[w] |= masks[(2 * j) + 1];
            }
        }

        return truePlane[0] ^ falsePlane[0];
    }

    /// <summary>The truth bytes' size (tests and their negations).</summary>
    public int TruthBytes => _truth.Length;

    /// <summary>How many rules fired in the last run.</summary>
    public int FiringCount { get; private set; }

    /// <summary>
    /// Evaluates bound facts: resets the working memory, sets every input from its lane (a row per value, copied), runs
    /// the deriving groups level by level and the emitters, and lists the firings in the engine's order.
    /// </summary>
    public void Run(BoundFacts facts, int maxFirings = int.MaxValue)
    {
        var t = _t;
        var length = _truth.Length;
        fixed (byte* initial = _initial)
        {
            Buffer.MemoryCopy(initial, t, length, length);
        }

        _initialStatus.AsSpan().CopyTo(_status);
        SetInputs(facts.Slots, facts.Lanes);
        var l = _l;
        var rt = _rt;
        var shapes = _shapes;
        var block = 0;
        var mirror = t + _mirror;
        var two = Vector256.Create((int)True);
        for (var g = 0; g < _groupBlocks.Length; g++)
        {
            var fact = Vector256<int>.Zero;
            for (var k = _groupBlocks[g]; k > 0; k--, block++)
            {
                var full = Block(ref l, shapes[block], t, rt + (block * Width));
                fact = Vector256.Max(fact, full);
            }

            // The group's facts settled: true if a producer is, false if all are, else unknown (the Kleene or).
            var bytes = Avx512F.VL.ConvertToVector128Byte(fact).AsUInt64().ToScalar();
            *(ulong*)(t + _groupFacts[g]) = bytes;
            *(ulong*)(mirror + _groupFacts[g]) = Negate(bytes);
        }

        var count = 0;
        var firings = _firings;
        fixed (int* f = firings, d = _deriverIds, ids = _ids)
        {
            // Deriving firings in stage order: gathered out of the rule truths by position.
            var order = _d;
            var fired = Vector256.Create(3);
            for (var i = 0; i < _deriverIds.Length - Width; i += Width)
            {
                var truths = Avx2.GatherVector256((int*)rt, Avx2.ConvertToVector256Int32(order + i), 1) & Vector256.Create(0xFF);
                var mask = Vector256.Equals(truths, fired);
                Vector256.Store(Avx512F.VL.Compress(Vector256<int>.Zero, mask, Vector256.Load(d + i)), f + count);
                count += BitOperations.PopCount(mask.ExtractMostSignificantBits());
            }

            for (var e = 0; e < _emitterBlocks; e++, block++)
            {
                var full = Block(ref l, shapes[block], t, rt + (block * Width));
                var mask = Vector256.Equals(full, two);
                Vector256.Store(Avx512F.VL.Compress(Vector256<int>.Zero, mask, Vector256.Load(ids + (block * Width))), f + count);
                count += BitOperations.PopCount(mask.ExtractMostSignificantBits());
            }
        }

        FiringCount = count;
        if (count > maxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {maxFirings} rule firings");
        }
    }

    /// <summary>
    /// The same evaluation by scalar code, in runs of rules of one shape (deriving rules level by level, then the
    /// emitters): per run a work list of the rules whose guard is not false (emitters: true; the others are skipped,
    /// and false), then each listed condition as and over its clauses of or over literal bytes (truths 0, 1, 3 make
    /// Kleene min and max bitwise), no branch on a truth; a fired byte per rule in the engine's firing order, compressed
    /// into the firing list at the end.
    /// </summary>
    /// <param name="facts">The inputs.</param>
    /// <param name="worklist">Whether emitters are listed by guard first (else every emitter is evaluated).</param>
    /// <param name="maxFirings">The firing cap.</param>
    /// <param name="parts">For timing its parts: 1 stops after the deriving rules, 2 after the emitters (no firing list), 3 runs all.</param>
    public void RunScalar(BoundFacts facts, bool worklist = true, int maxFirings = int.MaxValue, int parts = 3)
    {
        SetOnly(facts);
        var t = _t;
        var rt = _rt;
        var fired = _fd;
        Unsafe.InitBlock(rt, 0, (uint)(_ids.Length - Width));
        Unsafe.InitBlock(fired, 0, (uint)_fired.Length);
        fixed (int* work = _work)
        {
            // The deriving rules level by level, a run of one shape at a time: those whose guard is not false listed, then
            // each one's condition or-ed into its fact's byte (0 not derived, 1 undecided, 3 derived); then the level's
            // facts' negations.
            var dr = _dr;
            foreach (var (firstRun, endRun, factStart, factEnd) in _levels)
            {
                for (var k = firstRun; k < endRun; k++)
                {
                    var (offset, count, singles, doubles) = _deriverRuns[k];
                    DeriversListed(t, dr, dr + offset, work, count, singles, doubles, rt, fired);
                }

                for (var f = factStart; f < factEnd; f += Width)
                {
                    *(ulong*)(t + _mirror + f) = Negate(*(ulong*)(t + f));
                }
            }

            if (parts == 1)
            {
                return;
            }

            // Emitters, a run of one shape at a time: with a work list, those whose guard is true, then each one's other
            // clauses; without, every emitter's clauses, the guard's truth masking the result.
            var er = _er;
            foreach (var (offset, count, singles, doubles) in _emitterRuns)
            {
                if (worklist)
                {
                    EmittersListed(t, er, er + offset, work, count, singles, doubles, rt, fired);
                }
                else
                {
                    Emitters(t, er + offset, count, singles, doubles, rt, fired);
                }
            }
        }

        if (parts == 2)
        {
            return;
        }

        // The firing list in the engine's order: the fired bytes by place, 16 at a time, the rules at the fired places
        // compressed out (vpcompressd), with no branch on which fired.
        var listed = 0;
        fixed (int* firings = _firings, byPlace = _byPlace)
        {
            for (var i = 0; i < _ruleCount; i += 16)
            {
                var mask = Vector512.GreaterThan(Avx512F.ConvertToVector512Int32(Vector128.Load(fired + i)), Vector512<int>.Zero);
                Vector512.Store(Avx512F.Compress(Vector512<int>.Zero, mask, Vector512.Load(byPlace + i)), firings + listed);
                listed += BitOperations.PopCount(mask.ExtractMostSignificantBits());
            }
        }

        FiringCount = listed;
        if (listed > maxFirings)
        {
            throw new EvaluationLimitExceededException($"the evaluation exceeded its cap of {maxFirings} rule firings");
        }
    }

    /// <summary>A run of deriving rules of one shape: those whose guard is not false listed first, then each one's full condition or-ed into its fact's byte.</summary>
    private static void DeriversListed(byte* t, ushort* dr, ushort* record, int* work, int count, int singles, int doubles, byte* rt, byte* fired)
    {
        var stride = 4 + singles + (2 * doubles);
        var n = 0;
        for (var i = 0; i < count; i++, record += stride)
        {
            work[n] = (int)(record - dr);
            n += t[record[2]] & 1;
        }

        for (var i = 0; i < n; i++)
        {
            var d = dr + work[i];
            var g = t[d[2]];
            var v = g & Clauses(t, d + 4, singles, doubles);
            var r = (v + 1 - (v >> 1)) & -(g >> 1);
            rt[d[0]] = (byte)r;
            fired[d[1]] = (byte)((r >> 1) & r & 1);
            t[d[3]] |= (byte)v;
        }
    }

    /// <summary>A run of emitters of one shape: those whose guard is true listed first, then their other clauses evaluated.</summary>
    private static void EmittersListed(byte* t, ushort* er, ushort* record, int* work, int count, int singles, int doubles, byte* rt, byte* fired)
    {
        var stride = 3 + singles + (2 * doubles);
        var n = 0;
        for (var i = 0; i < count; i++, record += stride)
        {
            work[n] = (int)(record - er);
            n += t[record[2]] >> 1;
        }

        for (var i = 0; i < n; i++)
        {
            var e = er + work[i];
            var v = Clauses(t, e + 3, singles, doubles);
            var r = v + 1 - (v >> 1);
            rt[e[0]] = (byte)r;
            fired[e[1]] = (byte)((r >> 1) & r & 1);
        }
    }

    /// <summary>A run of emitters of one shape, every one evaluated, without a branch on a truth: the guard's truth masks the result.</summary>
    private static void Emitters(byte* t, ushort* record, int count, int singles, int doubles, byte* rt, byte* fired)
    {
        var stride = 3 + singles + (2 * doubles);
        for (var i = 0; i < count; i++, record += stride)
        {
            var v = Clauses(t, record + 3, singles, doubles);
            var r = (v + 1 - (v >> 1)) & -(t[record[2]] >> 1);
            rt[record[0]] = (byte)r;
            fired[record[1]] = (byte)((r >> 1) & r & 1);
        }
    }

    /// <summary>And over <paramref name="singles"/> literal bytes and <paramref name="doubles"/> ors of two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Clauses(byte* t, ushort* literal, int singles, int doubles)
    {
        var v = 3;
        for (var c = 0; c < singles; c++)
        {
            v &= t[literal[c]];
        }

        literal += singles;
        for (var c = 0; c < doubles; c++)
        {
            v &= t[literal[2 * c]] | t[literal[(2 * c) + 1]];
        }

        return v;
    }

    /// <summary>
    /// The truth positions any method reading each literal once must read: every rule's guard and, unless
    /// <paramref name="oracle"/> is given and the guard is false after running it, every other literal of the rule
    /// (each clause's literals once). With an oracle this is what a perfect skip of guard-false rules would read.
    /// </summary>
    /// <param name="oracle">The case whose guard truths decide which rules' other literals are read, or null for every literal.</param>
    /// <param name="guardPerBucket">Whether emitters sharing a guard test (a bucket, consecutive here) read it once, as a per-bucket skip would.</param>
    public ushort[] ReadSet(BoundFacts? oracle, bool guardPerBucket = false)
    {
        if (oracle is not null)
        {
            RunScalar(oracle);
        }

        var set = new List<ushort>();
        var firstEmitter = _groupBlocks.Sum() * Width;
        for (var q = 0; q < _guardPosition.Length; q++)
        {
            if (_ids[q] < 0)
            {
                continue;
            }

            if (!guardPerBucket || q <= firstEmitter || _guardPosition[q] != _guardPosition[q - 1])
            {
                set.Add(_guardPosition[q]);
            }
            if (oracle is not null && _truth[_guardPosition[q]] == False)
            {
                continue;
            }

            var literals = new HashSet<ushort>();
            for (var k = 0; k < 8; k++)
            {
                literals.Add(_records[(q * 8) + k]);
            }

            literals.Remove(_guardPosition[q]);
            set.AddRange(literals);
        }

        var pinned = GC.AllocateArray<ushort>(((set.Count + 7) & ~7) + 8, pinned: true);
        set.CopyTo(pinned);
        return pinned;
    }

    /// <summary>Reads the truth at every position of <paramref name="set"/> (from <see cref="ReadSet"/>) one by one, and nothing else: an or of them all.</summary>
    public int ReadScalar(ushort[] set)
    {
        var t = _t;
        var acc = 0;
        fixed (ushort* p = set)
        {
            for (var i = 0; i < set.Length; i++)
            {
                acc |= t[p[i]];
            }
        }

        return acc;
    }

    /// <summary>Reads the truth at every position of <paramref name="set"/> 8 at a time by AVX2 gathers, and nothing else.</summary>
    public int ReadGathers(ushort[] set)
    {
        var t = _t;
        var acc = Vector256<int>.Zero;
        fixed (ushort* p = set)
        {
            for (var i = 0; i + Width <= set.Length; i += Width)
            {
                acc |= Avx2.GatherVector256((int*)t, Avx2.ConvertToVector256Int32(p + i), 1);
            }
        }

        return acc.ToScalar();
    }

    /// <summary>The first part of <see cref="Run"/> alone: the working memory reset and the inputs set.</summary>
    public void SetOnly(BoundFacts facts)
    {
        fixed (byte* initial = _initial)
        {
            Buffer.MemoryCopy(initial, _t, _truth.Length, _truth.Length);
        }

        _initialStatus.AsSpan().CopyTo(_status);
        SetInputs(facts.Slots, facts.Lanes);
    }

    /// <summary>Sets each input's status and lane and copies its value's row of test truths (and their negations where read).</summary>
    private void SetInputs(int[] slots, long[] lanes)
    {
        var (inputs, status, held, mirror) = (_inputs, _status, _lanes, _mirror);
        var t = _t;
        var r = _r;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            var lane = lanes[i];
            status[slot] = FactStatus.Present;
            held[slot] = lane;
            ref readonly var input = ref inputs[slot];
            var key = input.Enum ? BitOperations.TrailingZeroCount(lane) : (int)Math.Clamp(lane - input.Low, 0L, input.Last);
            var from = r + input.RowBase + (key * input.RowBytes);
            var to = t + input.Region;

            // One masked store of the slot's width: the run need not be aligned, and nothing past it is written.
            var mask = Vector512.LessThan(Vector512<byte>.Indices, Vector512.Create(input.Width));
            Avx512BW.MaskStore(to, mask, Vector512.Load(from));
            if (input.Negated)
            {
                Avx512BW.MaskStore(to + mirror, mask, Vector512.Load(from + input.Width));
            }
        }
    }

    /// <summary>
    /// One block of 8 rules: the guards, then min over clauses of max over their literals, all gathered; writes the
    /// rules' RuleTruth bytes (skipped where the guard is not true) and returns the full conditions' truths.
    /// </summary>
    private static Vector256<int> Block(ref ushort* l, int shape, byte* t, byte* truths)
    {
        var low = Vector256.Create(0xFF);
        var guard = Avx2.GatherVector256((int*)t, Avx2.ConvertToVector256Int32(l), 1) & low;
        l += Width;
        var full = guard;
        var count = shape & 7;
        for (var c = 0; c < count; c++)
        {
            var v = Avx2.GatherVector256((int*)t, Avx2.ConvertToVector256Int32(l), 1) & low;
            l += Width;
            if ((shape & (1 << (3 + c))) != 0)
            {
                v = Vector256.Max(v, Avx2.GatherVector256((int*)t, Avx2.ConvertToVector256Int32(l), 1) & low);
                l += Width;
            }

            full = Vector256.Min(full, v);
        }

        var truth = (full + Vector256<int>.One - (full >>> 1)) & Vector256.Equals(guard, Vector256.Create((int)True));
        *(ulong*)truths = Avx512F.VL.ConvertToVector128Byte(truth).AsUInt64().ToScalar();
        return full;
    }

    /// <summary>
    /// Compares the last run with the engine's state after evaluating the same facts: every rule's truth, every test's
    /// truth (and its negation where kept), every slot's status, the firings in order. Returns the first difference, or null.
    /// </summary>
    public string? Check(KernelState engine)
    {
        var tests = _kernel.Tests;
        for (var r = 0; r < _ruleCount; r++)
        {
            if ((byte)engine.Truth[r] != _ruleTruth[_rulePosition[r]])
            {
                return $"rule {r}: engine {engine.Truth[r]}, floor {(RuleTruth)_ruleTruth[_rulePosition[r]]}";
            }
        }

        for (var test = 0; test < tests.Count; test++)
        {
            var p = _testPosition[test];
            var mirrored = _derivedPosition[tests.Slot[test]] >= 0 || _inputs[tests.Slot[test]].Negated;
            if (Code(engine.Tests[test]) != _truth[p] || (mirrored && _truth[_mirror + p] != NotCode(engine.Tests[test])))
            {
                return $"test {test} (slot {tests.Slot[test]}): engine {engine.Tests[test]}, floor {_truth[p]} / negated {_truth[_mirror + p]}";
            }
        }

        for (var slot = 0; slot < _status.Length; slot++)
        {
            var floor = _derivedPosition[slot] < 0 ? _status[slot] : _truth[_derivedPosition[slot]] switch { True => FactStatus.Present, False => FactStatus.NotDerived, _ => FactStatus.Undecided };
            if (engine.Facts.Status[slot] != floor)
            {
                return $"slot {slot}: engine {engine.Facts.Status[slot]}, floor {floor}";
            }

            if (floor == FactStatus.Present && _derivedPosition[slot] < 0 && engine.Lanes[slot] != _lanes[slot])
            {
                return $"slot {slot}: engine lane {engine.Lanes[slot]}, floor {_lanes[slot]}";
            }
        }

        if (engine.FiringCount != FiringCount)
        {
            return $"firings: engine {engine.FiringCount}, floor {FiringCount}";
        }

        for (var i = 0; i < FiringCount; i++)
        {
            if (engine.Firings[i] != _firings[i])
            {
                return $"firing {i}: engine rule {engine.Firings[i]}, floor rule {_firings[i]}";
            }
        }

        return null;
    }

    /// <summary>The floor's truth byte for an engine truth (0 false, 1 unknown, 2 true): 0, 1, 3, so that Kleene min and max are also bitwise and and or.</summary>
    private static byte Code(byte truth) => truth == 2 ? True : truth;

    /// <summary>The floor's truth byte for the negation of an engine truth.</summary>
    private static byte NotCode(byte truth) => Code((byte)(2 - truth));

    /// <summary>Negates 8 truth bytes at once: 0 and 3 swap, 1 stays (3 - x, less 1 where x is 1).</summary>
    private static ulong Negate(ulong bytes) => 0x0303030303030303UL - bytes - (bytes & ~(bytes >> 1) & 0x0101010101010101UL);

    /// <summary>The lanes of the rows of a whole-number slot: from below its lowest cut to its highest cut (as the engine's rows cut it).</summary>
    private static (long Low, long Last) WholeRange(TestTable tests, int start, int end)
    {
        // The engine's own cuts (sorted, distinct), so the floor's lanes are the engine's rows.
        var cuts = SlotRows.Cuts(tests, start, end);
        if (cuts.Length == 0)
        {
            return (0, 0);
        }

        var (low, high) = (cuts[0] - 1, cuts[^1]);
        return high - low > 1024 ? throw new NotSupportedException("whole-number cuts too far apart") : (low, high - low);
    }
}
