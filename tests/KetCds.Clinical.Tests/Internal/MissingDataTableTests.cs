using FsCheck.Xunit;
using Google.Protobuf;
using KetCds.Clinical.Internal;

namespace KetCds.Clinical.Tests.Internal;

/// <summary>
/// The missing-data tables (entries by a perfect index) against the entries the dictionary path makes for the same key,
/// on generated patients, and the bit gathering they index by against a bit-by-bit reading.
/// </summary>
public sealed class MissingDataTableTests
{
    private static readonly ClinicalEvaluator Evaluator = ShippedRuleSet.Evaluator;

    private static readonly IndexedParts Indexed = new(Evaluator.RuleSet, new StandardParts(Evaluator.RuleSet));

    [Fact]
    public void Tables_ShippedRuleSet_CoverMostMissingFacts()
    {
        // Otherwise the generated patients below would exercise the dictionary, not the tables.
        var set = Evaluator.RuleSet.Compiled;
        var inputs = FactNames.InputFacts.Select(set.FindInput).OfType<KetCds.Engine.InputFact>().ToArray();
        var covered = inputs.Count(input => Indexed.FactTables[input.Index] is not null);
        Assert.True(covered * 4 >= inputs.Length * 3, $"{covered} of {inputs.Length} input facts have a table");
    }

    [Fact]
    public void Tables_ShippedRuleSet_HashFactsTestedByManyRules()
    {
        // Otherwise nothing here would exercise the hashed tables: the care goal, for one, is tested by over 8 rules.
        var set = Evaluator.RuleSet.Compiled;
        var careGoal = set.FindInput(FactNames.CareGoal)!;
        Assert.True(Indexed.FactTables[careGoal.Index] is { Hashed: true }, "the care goal's table is not hashed");
    }

    [Fact]
    public void Get_HashedTableRandomKeys_SameEntryAsDictionaryPathOrNone()
    {
        // More distinct keys than a hashed table keeps: the first ones are found, every entry found is the key's own (never a
        // colliding key's), and once the slots around a key are taken it is left to the dictionary (null), never stored.
        var random = new Random(16);
        var fresh = new IndexedParts(Evaluator.RuleSet, new StandardParts(Evaluator.RuleSet));
        var tables = 0;
        for (var fact = 0; fact < fresh.FactTables.Length; fact++)
        {
            if (fresh.FactTables[fact] is not { Hashed: true } table)
            {
                continue;
            }

            tables++;
            var (rules0, rules1, requests0, requests1) = table.Bits;
            var masks = new[] { rules0, rules1, requests0, requests1 };
            var seen = new Dictionary<FieldKey, byte[]>();
            var found = 0;
            for (var i = 0; i < 4 * MissingDataTable.HashedSlots; i++)
            {
                var words = masks.Select(mask => mask & (ulong)random.NextInt64() & (ulong)random.NextInt64()).ToArray();
                if (words[0] == 0 && words[1] == 0)
                {
                    // A listed fact always names a rule.
                    continue;
                }

                var key = new FieldKey(fresh.FieldOfFact[fact], fact, words[0], words[1], words[2], words[3]);
                var expected = MissingDataCache.Make(fresh, key).ToByteArray();
                var entry = table.Get(fresh, key);
                if (entry is not null)
                {
                    Assert.Equal(expected, entry.ToByteArray());
                    Assert.Same(entry, table.Get(fresh, key));
                    found += seen.TryAdd(key, expected) ? 1 : 0;
                }
                else if (seen.Count < 32)
                {
                    Assert.Fail($"fact {fact}: key {seen.Count + 1} was not kept");
                }
            }

            Assert.InRange(found, 32, MissingDataTable.HashedSlots);
        }

        Assert.True(tables >= 1, "no hashed table");
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 500)]
    public void Get_GeneratedPatient_SameEntryAsDictionaryPath(ValidPatient patient)
    {
        var set = Evaluator.RuleSet.Compiled;
        var buffer = set.CreateBuffer();
        Assert.True(SlotMapper.Map(patient.Facts, InputSlots.For(set)!, buffer));
        buffer.Evaluate();
        var facts = buffer.MissingInputFacts();
        var rows = buffer.MissingInputRules();
        var requesting = new ulong[2];
        foreach (var rule in buffer.FiredRules())
        {
            requesting[rule >> 6] |= Indexed.RequestFields[rule] != 0 ? 1UL << rule : 0;
        }

        // A fresh set of tables each time, so that entries are made here as well as read.
        var fresh = new IndexedParts(Evaluator.RuleSet, new StandardParts(Evaluator.RuleSet));
        for (var k = 0; k < facts.Length; k++)
        {
            var field = Indexed.FieldOfFact[facts[k]];
            var key = new FieldKey(
                field,
                facts[k],
                rows[k * 2],
                rows[(k * 2) + 1],
                requesting[0] & Indexed.FieldRequestRules[field * 2],
                requesting[1] & Indexed.FieldRequestRules[(field * 2) + 1]);
            var expected = MissingDataCache.Make(Indexed, key).ToByteArray();
            foreach (var parts in new[] { fresh, Indexed })
            {
                if (parts.FactTables[facts[k]]?.Get(parts, key) is { } entry)
                {
                    Assert.Equal(expected, entry.ToByteArray());
                }
            }
        }
    }

    [Fact]
    public void Get_EveryKeyOfEveryTable_SameEntryAsDictionaryPath()
    {
        // Every combination of each table's bits, the fact tables' and the request-only tables' (most never occur in the generated patients, whose rows vary little),
        // made fresh and read back, against the entry made from the same key.
        var fresh = new IndexedParts(Evaluator.RuleSet, new StandardParts(Evaluator.RuleSet));
        var checkedKeys = 0;
        var tables = fresh.FactTables.Select((table, fact) => (table, fact, field: fresh.FieldOfFact[fact]))
            .Concat(fresh.FieldTables.Select((table, field) => (table, fact: -1, field)));
        foreach (var (candidate, fact, field) in tables)
        {
            if (candidate is not { Hashed: false } table)
            {
                continue;
            }

            var (rules0, rules1, requests0, requests1) = table.Bits;
            var masks = new[] { rules0, rules1, requests0, requests1 };
            var bits = masks.Sum(m => System.Numerics.BitOperations.PopCount(m));
            for (var combination = 1; combination < 1 << bits; combination++)
            {
                var words = new ulong[4];
                var at = 0;
                for (var w = 0; w < 4; w++)
                {
                    for (var mask = masks[w]; mask != 0; mask &= mask - 1)
                    {
                        words[w] |= ((ulong)(combination >> at++) & 1) << System.Numerics.BitOperations.TrailingZeroCount(mask);
                    }
                }

                var key = new FieldKey(field, fact, words[0], words[1], words[2], words[3]);
                if (fact >= 0 && words[0] == 0 && words[1] == 0)
                {
                    // A listed fact always names a rule.
                    continue;
                }

                var expected = MissingDataCache.Make(fresh, key).ToByteArray();
                Assert.Equal(expected, table.Get(fresh, key)!.ToByteArray());
                Assert.Equal(expected, table.Get(fresh, key)!.ToByteArray());
                checkedKeys++;
            }
        }

        Assert.True(checkedKeys > 20, $"{checkedKeys} keys");
    }

    [Property(MaxTest = 1000)]
    public void Gather_AnyValueAndMask_SameAsBitByBit(ulong value, ulong mask, int seed)
    {
        // Generated ulongs are small; spread them over the word too.
        var spread = (ulong)new Random(seed).NextInt64() ^ (mask << 17);
        Assert.Equal(MissingDataTable.GatherBitByBit(value, mask), MissingDataTable.Gather(value, mask));
        Assert.Equal(MissingDataTable.GatherBitByBit(value * 0x9E3779B97F4A7C15UL, spread), MissingDataTable.Gather(value * 0x9E3779B97F4A7C15UL, spread));
    }
}
