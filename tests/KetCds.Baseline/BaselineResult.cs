namespace KetCds.Baseline;

/// <summary>What a generated baseline writes: per fact slot its final status and lanes, per rule its truth, and the firing count.</summary>
public sealed class BaselineResult
{
    /// <summary>Creates buffers for a rule set of the given size, reused across evaluations.</summary>
    public BaselineResult(int facts, int rules)
    {
        Status = new byte[facts];
        Lanes = new long[facts];
        Numbers = new decimal[facts];
        Truth = new byte[rules];
    }

    /// <summary>Creates buffers sized for <paramref name="ruleSet"/>.</summary>
    public static BaselineResult For(KetCds.Engine.CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new BaselineResult(ruleSet.Facts.Count, ruleSet.Rules.Length);
    }

    /// <summary>Per slot: 0 missing, 1 present, 2 not derived, 3 undecided (the engine's statuses).</summary>
    public byte[] Status { get; }

    /// <summary>Per slot, the integer lane when present.</summary>
    public long[] Lanes { get; }

    /// <summary>Per slot, the decimal lane when present.</summary>
    public decimal[] Numbers { get; }

    /// <summary>Per rule, the truth of its condition: 0 false, 1 unknown, 2 true.</summary>
    public byte[] Truth { get; }

    /// <summary>How many rules fired.</summary>
    public int Fired { get; set; }
}
