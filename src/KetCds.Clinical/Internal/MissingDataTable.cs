using System.Numerics;
using System.Runtime.Intrinsics.X86;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The missing-data entries of one input fact (or of a field's requests alone) for rule sets of at most 128 rules, by a
/// perfect index instead of a hash: a key's rows can only hold the rules that test the fact and the rules that request
/// the field, so with few of those (at most <see cref="MaxBits"/> in all) the key's bits, gathered out of those rules,
/// number its entry. Entries are made on first use, as the dictionary makes them; any key with a bit outside those rules
/// is left to the dictionary.
/// </summary>
internal sealed class MissingDataTable
{
    /// <summary>Candidate bits a table covers at most (2^8 entries, 2 KB of references).</summary>
    public const int MaxBits = 8;

    private readonly ulong _rules0;
    private readonly ulong _rules1;
    private readonly ulong _requests0;
    private readonly ulong _requests1;
    private readonly int _shift1;
    private readonly int _shift2;
    private readonly int _shift3;
    private readonly MissingData?[] _entries;

    private MissingDataTable(ulong rules0, ulong rules1, ulong requests0, ulong requests1)
    {
        (_rules0, _rules1, _requests0, _requests1) = (rules0, rules1, requests0, requests1);
        _shift1 = BitOperations.PopCount(rules0);
        _shift2 = _shift1 + BitOperations.PopCount(rules1);
        _shift3 = _shift2 + BitOperations.PopCount(requests0);
        _entries = new MissingData?[1 << (_shift3 + BitOperations.PopCount(requests1))];
    }

    /// <summary>The rules (0-63, 64-127) testing the fact, then those (0-63, 64-127) requesting its field: the bits a key may hold.</summary>
    public (ulong Rules0, ulong Rules1, ulong Requests0, ulong Requests1) Bits => (_rules0, _rules1, _requests0, _requests1);

    /// <summary>A table over these rules, or null when they are more than <see cref="MaxBits"/>.</summary>
    public static MissingDataTable? For(ulong rules0, ulong rules1, ulong requests0, ulong requests1) =>
        BitOperations.PopCount(rules0) + BitOperations.PopCount(rules1) + BitOperations.PopCount(requests0) + BitOperations.PopCount(requests1) <= MaxBits
            ? new MissingDataTable(rules0, rules1, requests0, requests1)
            : null;

    /// <summary>The entry of <paramref name="key"/> (its field and fact the table's), or null when the key has a rule outside the table's.</summary>
    public MissingData? Get(IndexedParts parts, in FieldKey key)
    {
        if (((key.Rules0 & ~_rules0) | (key.Rules1 & ~_rules1) | (key.Requests0 & ~_requests0) | (key.Requests1 & ~_requests1)) != 0)
        {
            return null;
        }

        var index = (int)(Gather(key.Rules0, _rules0)
            | (Gather(key.Rules1, _rules1) << _shift1)
            | (Gather(key.Requests0, _requests0) << _shift2)
            | (Gather(key.Requests1, _requests1) << _shift3));
        var entry = Volatile.Read(ref _entries[index]);
        if (entry is null)
        {
            // Two threads may both make it; either is the same entry, and the first one stored is kept.
            entry = MissingDataCache.Make(parts, key);
            entry = Interlocked.CompareExchange(ref _entries[index], entry, null) ?? entry;
        }

        return entry;
    }

    /// <summary>The bits of <paramref name="value"/> under <paramref name="mask"/>, packed low (BMI2's PEXT).</summary>
    internal static ulong Gather(ulong value, ulong mask)
    {
        return Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : GatherBitByBit(value, mask);
    }

    /// <summary><see cref="Gather"/> without BMI2.</summary>
    internal static ulong GatherBitByBit(ulong value, ulong mask)
    {
        var result = 0UL;
        var bit = 0;
        for (; mask != 0; mask &= mask - 1)
        {
            result |= ((value >> BitOperations.TrailingZeroCount(mask)) & 1) << bit++;
        }

        return result;
    }
}
