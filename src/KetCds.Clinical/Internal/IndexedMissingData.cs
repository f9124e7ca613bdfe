using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The missing-data section straight from an evaluation buffer: the engine's (fact, rule) pairs and the fired rules'
/// data requests by index, grouped by field through a per-fact table, each field's entry from
/// <see cref="MissingDataCache"/>. The same entries, in the same order, as <see cref="ResultBuilder.KnownMissingData"/>
/// makes from the engine's lists (tested on every regression case and on generated patients).
/// </summary>
internal static class IndexedMissingData
{
    /// <summary>Fields this path can group (one bit each); with more, every call takes the general path.</summary>
    private const int MaxFields = 64;

    /// <summary>Adds the entries; false (adding nothing) when a fact has no field, for the general path to report.</summary>
    [SkipLocalsInit]
    public static bool TryFill(EvaluationBuffer buffer, IndexedParts parts, RepeatedField<MissingData> into)
    {
        var missing = buffer.MissingInputs();
        var fired = buffer.FiredRules();
        var requestCount = 0;
        foreach (var rule in fired)
        {
            if (parts.Requests[rule] is not { } requests)
            {
                return false;
            }

            requestCount += requests.Length;
        }

        foreach (var pair in missing)
        {
            if (parts.FieldOfFact[pair.Fact] < 0)
            {
                return false;
            }
        }

        if (FactNames.SortedFields.Length > MaxFields)
        {
            return false;
        }

        var count = requestCount + missing.Length;
        if (count == 0)
        {
            return true;
        }

        var rented = count > 128 ? ArrayPool<MissingInput>.Shared.Rent(count) : null;
        var entries = rented is null ? stackalloc MissingInput[count] : rented.AsSpan(0, count);
        try
        {
            Fill(fired, requestCount, missing, parts, entries, into);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<MissingInput>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Groups the entries by field (a counting sort, so each field's entries are one span: the key of its entry): a
    /// field's requests first, ordered by fact, rule and written order as the engine lists them (each as
    /// <see cref="MissingDataCache.Request"/>), then its missing pairs in their order (fact, then rule). The fields used
    /// are kept as bits, so the passes over fields visit only those (a call uses about 8 of 25).
    /// </summary>
    [SkipLocalsInit]
    private static void Fill(ReadOnlySpan<int> fired, int requestCount, ReadOnlySpan<MissingInput> missing, IndexedParts parts, Span<MissingInput> entries, RepeatedField<MissingData> into)
    {
        // Written before read: a field's count is set when its bit is first set, its start when the bits are read.
        Span<int> count = stackalloc int[MaxFields];
        Span<int> next = stackalloc int[MaxFields];
        Span<long> requests = stackalloc long[requestCount];
        var used = 0UL;
        var n = 0;
        foreach (var rule in fired)
        {
            foreach (var request in parts.Requests[rule]!)
            {
                requests[n++] = ((long)request.Fact << 42) | ((long)rule << 21) | (uint)request.Position;
                Count(request.Field, count, ref used);
            }
        }

        var fieldOfFact = parts.FieldOfFact;
        foreach (var pair in missing)
        {
            Count(fieldOfFact[pair.Fact], count, ref used);
        }

        var at = 0;
        for (var bits = used; bits != 0; bits &= bits - 1)
        {
            var f = BitOperations.TrailingZeroCount(bits);
            next[f] = at;
            at += count[f];
        }

        if (requestCount > 1)
        {
            requests.Sort();
        }

        foreach (var packed in requests)
        {
            var fact = (int)(packed >> 42);
            entries[next[fieldOfFact[fact]]++] = MissingDataCache.Request(fact, (int)(packed >> 21) & 0x1FFFFF);
        }

        foreach (var pair in missing)
        {
            entries[next[fieldOfFact[pair.Fact]]++] = pair;
        }

        ResultBuilder.Reserve(into, BitOperations.PopCount(used));
        var cache = parts.MissingData;
        for (var bits = used; bits != 0; bits &= bits - 1)
        {
            var f = BitOperations.TrailingZeroCount(bits);
            into.Add(cache.Get(f, entries[(next[f] - count[f])..next[f]]));
        }
    }

    private static void Count(int field, Span<int> count, ref ulong used)
    {
        var bit = 1UL << field;
        count[field] = (used & bit) != 0 ? count[field] + 1 : 1;
        used |= bit;
    }
}
