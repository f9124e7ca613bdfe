using System.Buffers;
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
    /// <summary>Adds the entries; false (adding nothing) when a fact has no field, for the general path to report.</summary>
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
    /// <see cref="MissingDataCache.Request"/>), then its missing pairs in their order (fact, then rule).
    /// </summary>
    private static void Fill(ReadOnlySpan<int> fired, int requestCount, ReadOnlySpan<MissingInput> missing, IndexedParts parts, Span<MissingInput> entries, RepeatedField<MissingData> into)
    {
        var fields = FactNames.SortedFields.Length;
        Span<int> start = stackalloc int[fields + 1];
        Span<long> requests = stackalloc long[requestCount];
        var n = 0;
        foreach (var rule in fired)
        {
            foreach (var request in parts.Requests[rule]!)
            {
                requests[n++] = ((long)request.Fact << 42) | ((long)rule << 21) | (uint)request.Position;
                start[request.Field + 1]++;
            }
        }

        foreach (var pair in missing)
        {
            start[parts.FieldOfFact[pair.Fact] + 1]++;
        }

        for (var f = 0; f < fields; f++)
        {
            start[f + 1] += start[f];
        }

        Span<int> next = stackalloc int[fields];
        start[..fields].CopyTo(next);
        if (requestCount > 1)
        {
            requests.Sort();
        }

        foreach (var packed in requests)
        {
            var fact = (int)(packed >> 42);
            entries[next[parts.FieldOfFact[fact]]++] = MissingDataCache.Request(fact, (int)(packed >> 21) & 0x1FFFFF);
        }

        foreach (var pair in missing)
        {
            entries[next[parts.FieldOfFact[pair.Fact]]++] = pair;
        }

        var used = 0;
        for (var f = 0; f < fields; f++)
        {
            used += start[f + 1] > start[f] ? 1 : 0;
        }

        ResultBuilder.Reserve(into, used);
        for (var f = 0; f < fields; f++)
        {
            if (start[f + 1] > start[f])
            {
                into.Add(parts.MissingData.Get(f, entries[start[f]..start[f + 1]]));
            }
        }
    }
}
