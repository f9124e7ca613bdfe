using System.Collections.Concurrent;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Missing-data entries made once per rule-set version for each distinct list of a field's requests and (fact, rule)
/// pairs: an entry depends on nothing else (its field, its reason and its rule ids all follow from the list), and most
/// calls miss the same few fields for the same rules. Results share the entries, as they share
/// the rule-only parts. Kept in a <see cref="ConcurrentDictionary{TKey, TValue}"/> read by span: a hand-written
/// lock-free table was measured against it and did not pay beyond the noise (tests/KetCds.Benchmarks/MEASUREMENTS.md, 2026-12-03).
/// </summary>
internal sealed class MissingDataCache(IndexedParts parts)
{
    /// <summary>Distinct entries kept at most; past it entries are made per call, so an unusual stream of patients cannot grow memory.</summary>
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<MissingInput[], MissingData>.AlternateLookup<ReadOnlySpan<MissingInput>> _entries =
        new ConcurrentDictionary<MissingInput[], MissingData>(MissingKeyComparer.Instance).GetAlternateLookup<ReadOnlySpan<MissingInput>>();

    private int _count;

    /// <summary>A request by rule <paramref name="rule"/> for fact <paramref name="fact"/>, as a key entry: facts of requests count below zero.</summary>
    public static MissingInput Request(int fact, int rule) => new(-1 - fact, rule);

    /// <summary>
    /// The entry of one field whose requests and missing pairs are <paramref name="entries"/> (requests first, see
    /// <see cref="IndexedMissingData"/>).
    /// </summary>
    public MissingData Get(int field, ReadOnlySpan<MissingInput> entries)
    {
        if (_entries.TryGetValue(entries, out var entry))
        {
            return entry;
        }

        entry = Make(parts, field, entries);
        if (Volatile.Read(ref _count) < MaxEntries && _entries.TryAdd(entries, entry))
        {
            Interlocked.Increment(ref _count);
        }

        return entry;
    }

    /// <summary>
    /// The entry itself, as <see cref="ResultBuilder.KnownMissingData"/> makes it: the reason of the first request or,
    /// with none, the text for the first fact's undecided rules; every rule once, in id order (rule indexes count in
    /// id order, and one contributor's rules are already sorted and distinct).
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
