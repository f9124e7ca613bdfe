using System.Numerics;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The missing-data section straight from an evaluation buffer, in work proportional to what fired and what is missing:
/// per field used, a key of a few words (the field, the fired rules requesting it as a row, and each of its missing facts
/// with the engine's row of rules it would decide) looked up in <see cref="MissingDataCache"/>; nothing is listed per
/// (fact, rule) pair, sorted or grouped. The same entries, in the same order, as <see cref="ResultBuilder.KnownMissingData"/>
/// makes from the engine's lists (tested on every regression case and on generated patients).
/// </summary>
internal static class IndexedMissingData
{
    /// <summary>Fields this path can group (one bit each); with more, every call takes the general path.</summary>
    private const int MaxFields = 63;

    /// <summary>Adds the entries; false (adding nothing) when a fact has no field, for the general path to report.</summary>
    [SkipLocalsInit]
    public static bool TryFill(EvaluationBuffer buffer, IndexedParts parts, RepeatedField<MissingData> into)
    {
        var words = parts.RuleWords;
        if (buffer.RuleWords != words || FactNames.SortedFields.Length > MaxFields || words > 8)
        {
            return false;
        }

        // The fired rules with requests as a row, and the fields used as bits.
        Span<ulong> requesting = stackalloc ulong[words];
        requesting.Clear();
        var used = 0UL;
        var requestFields = parts.RequestFields;
        foreach (var rule in buffer.FiredRules())
        {
            var fields = requestFields[rule];
            if (fields < 0)
            {
                return false;
            }

            used |= (ulong)fields;
            requesting[rule >> 6] |= fields != 0 ? 1UL << rule : 0;
        }

        var facts = buffer.MissingInputFacts();
        var fieldOfFact = parts.FieldOfFact;
        Span<int> fieldOf = stackalloc int[facts.Length];
        for (var k = 0; k < facts.Length; k++)
        {
            var field = fieldOfFact[facts[k]];
            if (field < 0)
            {
                return false;
            }

            fieldOf[k] = field;
            used |= 1UL << field;
        }

        if (used == 0)
        {
            return true;
        }

        Fill(parts, requesting, used, facts, fieldOf, buffer.MissingInputRules(), into);
        return true;
    }

    /// <summary>
    /// Each used field's entry, in field order, by its key: the field, the requesting rules of the field, then per missing
    /// fact of the field (ascending, as the engine lists them) the fact and its row. Most fields have one missing fact, and
    /// a field with one has its entry from the fact's table or, failing that, from the dictionary by a struct key.
    /// </summary>
    [SkipLocalsInit]
    private static void Fill(IndexedParts parts, ReadOnlySpan<ulong> requesting, ulong used, ReadOnlySpan<int> facts, ReadOnlySpan<int> fieldOf, ReadOnlySpan<ulong> rows, RepeatedField<MissingData> into)
    {
        var words = requesting.Length;
        Span<ulong> key = stackalloc ulong[(1 + words) * (1 + facts.Length)];
        var fieldRules = parts.FieldRequestRules;
        var cache = parts.MissingData;
        ResultBuilder.Reserve(into, BitOperations.PopCount(used));

        // Each field's first missing fact and how many it has, in one pass over the facts (written before read: a field's
        // cells are set when its bit in `seen` is first set).
        Span<int> firstOf = stackalloc int[MaxFields];
        Span<int> countOf = stackalloc int[MaxFields];
        var seen = 0UL;
        for (var k = 0; k < facts.Length; k++)
        {
            var field = fieldOf[k];
            var bit = 1UL << field;
            firstOf[field] = (seen & bit) != 0 ? firstOf[field] : k;
            countOf[field] = (seen & bit) != 0 ? countOf[field] + 1 : 1;
            seen |= bit;
        }

        for (var bits = used; bits != 0; bits &= bits - 1)
        {
            var field = BitOperations.TrailingZeroCount(bits);
            var (first, factCount) = (seen & (1UL << field)) != 0 ? (firstOf[field], countOf[field]) : (-1, 0);
            if (words <= 2 && factCount <= 1)
            {
                // Nearly every field: the fact's (or the requests') table, else a key the dictionary compares inline.
                var (rules0, rules1) = first < 0 ? (0UL, 0UL) : (rows[first * words], words == 2 ? rows[(first * words) + 1] : 0UL);
                var fieldKey = new FieldKey(
                    field,
                    first < 0 ? -1 : facts[first],
                    rules0,
                    rules1,
                    requesting[0] & fieldRules[field * words],
                    words == 2 ? requesting[1] & fieldRules[(field * words) + 1] : 0UL);
                var table = first < 0 ? parts.FieldTables[field] : parts.FactTables[facts[first]];
                into.Add(table?.Get(parts, fieldKey) ?? cache.Get(fieldKey));
                continue;
            }

            key[0] = (ulong)field;
            for (var w = 0; w < words; w++)
            {
                key[1 + w] = requesting[w] & fieldRules[(field * words) + w];
            }

            var length = 1 + words;
            for (var k = first < 0 ? facts.Length : first; k < facts.Length; k++)
            {
                if (fieldOf[k] != field)
                {
                    continue;
                }

                key[length] = (ulong)facts[k];
                rows.Slice(k * words, words).CopyTo(key[(length + 1)..]);
                length += 1 + words;
            }

            into.Add(cache.Get(key[..length]));
        }
    }
}
