using System.Collections.Concurrent;
using System.Numerics;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Missing-data entries made once per rule-set version for each distinct key of a field (see <see cref="IndexedMissingData"/>:
/// the field, the fired rules requesting it, and each of its missing facts with the row of rules it would decide): an
/// entry depends on nothing else, and most calls miss the same few fields for the same rules. Results share the
/// entries, as they share the rule-only parts. Kept in a <see cref="ConcurrentDictionary{TKey, TValue}"/> read by span: a
/// hand-written lock-free table was measured against it and did not pay beyond the noise (tests/KetCds.Benchmarks/MEASUREMENTS.md, 2026-12-03).
/// </summary>
internal sealed class MissingDataCache(IndexedParts parts)
{
    /// <summary>Distinct entries kept at most; past it entries are made per call, so an unusual stream of patients cannot grow memory.</summary>
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<ulong[], MissingData>.AlternateLookup<ReadOnlySpan<ulong>> _entries =
        new ConcurrentDictionary<ulong[], MissingData>(MissingKeyComparer.Instance).GetAlternateLookup<ReadOnlySpan<ulong>>();

    private readonly ConcurrentDictionary<FieldKey, MissingData> _fieldEntries = new();

    private int _count;

    /// <summary>A request by rule <paramref name="rule"/> for fact <paramref name="fact"/>, as an entry of <see cref="Make(IndexedParts, int, ReadOnlySpan{MissingInput})"/>: facts of requests count below zero.</summary>
    public static MissingInput Request(int fact, int rule) => new(-1 - fact, rule);

    /// <summary>The entry of the field whose key is <paramref name="key"/> (laid out as <see cref="IndexedMissingData"/> writes it).</summary>
    public MissingData Get(ReadOnlySpan<ulong> key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry;
        }

        entry = Make(parts, key);
        if (Volatile.Read(ref _count) < MaxEntries && _entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }

        return entry;
    }

    /// <summary>The entry of the field whose key is <paramref name="key"/>: the same entry as the span key of the same field, fact and rows gives.</summary>
    public MissingData Get(in FieldKey key)
    {
        if (_fieldEntries.TryGetValue(key, out var entry))
        {
            return entry;
        }

        entry = Make(parts, key);
        if (Volatile.Read(ref _count) < MaxEntries && _fieldEntries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }

        return entry;
    }

    /// <summary>The entry of a <see cref="FieldKey"/>, through its span key (the words of the set's <see cref="IndexedParts.RuleWords"/>).</summary>
    public static MissingData Make(IndexedParts parts, FieldKey key)
    {
        var words = parts.RuleWords;
        Span<ulong> span = stackalloc ulong[2 + (2 * words)];
        span[0] = (ulong)key.Field;
        span[1] = key.Requests0;
        if (words == 2)
        {
            span[2] = key.Requests1;
        }

        var length = 1 + words;
        if (key.Fact >= 0)
        {
            span[length] = (ulong)key.Fact;
            span[length + 1] = key.Rules0;
            if (words == 2)
            {
                span[length + 2] = key.Rules1;
            }

            length += 1 + words;
        }

        return Make(parts, span[..length]);
    }

    /// <summary>
    /// The entry of a key, through the list of requests and (fact, rule) pairs it stands for: the field's requests
    /// ordered by fact, rule and written order (as the engine lists data requests), then each missing fact's rules in
    /// rule order (as the engine lists missing facts).
    /// </summary>
    public static MissingData Make(IndexedParts parts, ReadOnlySpan<ulong> key)
    {
        var words = parts.RuleWords;
        var field = (int)key[0];
        var requests = new List<(int Fact, int Rule, int Position)>();
        for (var w = 0; w < words; w++)
        {
            for (var bits = key[1 + w]; bits != 0; bits &= bits - 1)
            {
                var rule = (w << 6) + BitOperations.TrailingZeroCount(bits);
                foreach (var request in parts.Requests[rule]!)
                {
                    if (request.Field == field)
                    {
                        requests.Add((request.Fact, rule, request.Position));
                    }
                }
            }
        }

        requests.Sort();
        var entries = new List<MissingInput>(requests.Select(r => Request(r.Fact, r.Rule)));
        for (var at = 1 + words; at < key.Length; at += 1 + words)
        {
            var fact = (int)key[at];
            for (var w = 0; w < words; w++)
            {
                for (var bits = key[at + 1 + w]; bits != 0; bits &= bits - 1)
                {
                    entries.Add(new MissingInput(fact, (w << 6) + BitOperations.TrailingZeroCount(bits)));
                }
            }
        }

        return Make(parts, field, [.. entries]);
    }

    /// <summary>
    /// The entry itself, as <see cref="ResultBuilder.KnownMissingData"/> makes it, from the field's requests (as
    /// <see cref="Request"/>) and then its (fact, rule) pairs: the reason of the first request or, with none, the text for
    /// the first fact's undecided rules; every rule once, in id order (rule indexes count in id order).
    /// </summary>
    public static MissingData Make(IndexedParts parts, int field, ReadOnlySpan<MissingInput> entries)
    {
        string reason;
        if (entries[0].Fact < 0)
        {
            var fact = -1 - entries[0].Fact;
            reason = Array.Find(parts.Requests[entries[0].Rule]!, r => r.Fact == fact).Reason;
        }
        else
        {
            var first = 1;
            while (first < entries.Length && entries[first].Fact == entries[0].Fact)
            {
                first++;
            }

            reason = Reason(parts, entries[..first]);
        }

        var entry = new MissingData { Field = FactNames.SortedFields[field], Reason = reason };
        var rules = new int[entries.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = entries[i].Rule;
        }

        Array.Sort(rules);
        for (var i = 0; i < rules.Length; i++)
        {
            if (i == 0 || rules[i] != rules[i - 1])
            {
                entry.Affects.Add(parts.RuleIds[rules[i]]);
            }
        }

        return entry;
    }

    /// <summary>"Not recorded; it would decide: " and up to three rule titles and how many more, as <see cref="ReasonCache.Make"/> words it.</summary>
    public static string Reason(IndexedParts parts, ReadOnlySpan<MissingInput> pairs)
    {
        var shown = Math.Min(3, pairs.Length);
        var titles = new string[shown];
        for (var i = 0; i < shown; i++)
        {
            titles[i] = parts.RuleTitles[pairs[i].Rule];
        }

        return ReasonCache.Text(titles, pairs.Length);
    }
}
