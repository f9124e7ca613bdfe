using System.Numerics;
using System.Runtime.Intrinsics.X86;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The missing-data entries of one input fact (or of a field's requests alone) for rule sets of at most 128 rules,
/// without hashing a key of words: a key's rows can only hold the rules that test the fact and the rules that request
/// the field, so the key's bits, gathered out of those rules, make one number that identifies it. With at most
/// <see cref="MaxBits"/> such rules that number indexes an array of every entry; with up to <see cref="MaxHashedBits"/>
/// (facts tested by many rules, such as the care goal) it is looked up in a small open-addressed table of
/// <see cref="HashedSlots"/> slots, filled first come first served and never replaced, so it stays bounded and a call
/// that finds no slot falls back to the dictionary. Entries are made on first use, as the dictionary makes them; any
/// key with a bit outside those rules is left to the dictionary.
/// </summary>
internal sealed class MissingDataTable
{
    /// <summary>Candidate bits an array of every entry covers at most (2^8 entries, 2 KB of references).</summary>
    public const int MaxBits = 8;

    /// <summary>Candidate bits a hashed table covers at most: its gathered key is one word.</summary>
    public const int MaxHashedBits = 64;

    /// <summary>Slots of a hashed table (distinct keys it keeps at most).</summary>
    public const int HashedSlots = 256;

    /// <summary>Slots a hashed lookup probes before leaving the key to the dictionary.</summary>
    private const int Probes = 8;

    private readonly ulong _rules0;
    private readonly ulong _rules1;
    private readonly ulong _requests0;
    private readonly ulong _requests1;
    private readonly int _shift1;
    private readonly int _shift2;
    private readonly int _shift3;
    private readonly MissingData?[]? _entries;
    private readonly HashedEntry?[]? _slots;

    private MissingDataTable(ulong rules0, ulong rules1, ulong requests0, ulong requests1)
    {
        (_rules0, _rules1, _requests0, _requests1) = (rules0, rules1, requests0, requests1);
        _shift1 = BitOperations.PopCount(rules0);
        _shift2 = _shift1 + BitOperations.PopCount(rules1);
        _shift3 = _shift2 + BitOperations.PopCount(requests0);
        var bits = _shift3 + BitOperations.PopCount(requests1);
        if (bits <= MaxBits)
        {
            _entries = new MissingData?[1 << bits];
        }
        else
        {
            _slots = new HashedEntry?[HashedSlots];
        }
    }

    /// <summary>The rules (0-63, 64-127) testing the fact, then those (0-63, 64-127) requesting its field: the bits a key may hold.</summary>
    public (ulong Rules0, ulong Rules1, ulong Requests0, ulong Requests1) Bits => (_rules0, _rules1, _requests0, _requests1);

    /// <summary>Whether entries are found by hashing the gathered key (more than <see cref="MaxBits"/> candidate bits) rather than by indexing.</summary>
    public bool Hashed => _slots is not null;

    /// <summary>A table over these rules, or null when they are more than <see cref="MaxHashedBits"/>.</summary>
    public static MissingDataTable? For(ulong rules0, ulong rules1, ulong requests0, ulong requests1) =>
        BitOperations.PopCount(rules0) + BitOperations.PopCount(rules1) + BitOperations.PopCount(requests0) + BitOperations.PopCount(requests1) <= MaxHashedBits
            ? new MissingDataTable(rules0, rules1, requests0, requests1)
            : null;

    /// <summary>The entry of <paramref name="key"/> (its field and fact the table's), or null when the key has a rule outside the table's or a hashed table has no slot for it.</summary>
    public MissingData? Get(IndexedParts parts, in FieldKey key)
    {
        if (((key.Rules0 & ~_rules0) | (key.Rules1 & ~_rules1) | (key.Requests0 & ~_requests0) | (key.Requests1 & ~_requests1)) != 0)
        {
            return null;
        }

        // Each part's gathered bits sit above the previous parts' (a shift of 64 only meets a part with no bits, so 0).
        var gathered = Gather(key.Rules0, _rules0)
            | (Gather(key.Rules1, _rules1) << _shift1)
            | (Gather(key.Requests0, _requests0) << _shift2)
            | (Gather(key.Requests1, _requests1) << _shift3);
        if (_entries is { } entries)
        {
            var entry = Volatile.Read(ref entries[(int)gathered]);
            if (entry is null)
            {
                // Two threads may both make it; either is the same entry, and the first one stored is kept.
                entry = MissingDataCache.Make(parts, key);
                entry = Interlocked.CompareExchange(ref entries[(int)gathered], entry, null) ?? entry;
            }

            return entry;
        }

        return Find(parts, key, gathered);
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

    private MissingData? Find(IndexedParts parts, in FieldKey key, ulong gathered)
    {
        var slots = _slots!;
        var start = (int)((gathered * 0x9E3779B97F4A7C15UL) >> 56);
        for (var probe = 0; probe < Probes; probe++)
        {
            ref var cell = ref slots[(start + probe) & (HashedSlots - 1)];
            var slot = Volatile.Read(ref cell);
            if (slot is null)
            {
                // A slot once filled keeps its key: a reader that saw it can trust it, and the table cannot churn.
                var made = new HashedEntry(gathered, MissingDataCache.Make(parts, key));
                slot = Interlocked.CompareExchange(ref cell, made, null) ?? made;
            }

            if (slot.Key == gathered)
            {
                return slot.Entry;
            }
        }

        return null;
    }
}
