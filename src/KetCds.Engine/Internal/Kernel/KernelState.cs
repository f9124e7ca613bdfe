namespace KetCds.Engine.Internal.Kernel;

/// <summary>The reusable working memory of one evaluation in the dense layout; reset, never reallocated, between evaluations.</summary>
internal sealed class KernelState
{
    public KernelState(int facts, int tests, int rules, int stages = 0)
    {
        Pending = new ulong[(stages + 63) >> 6];
        Facts = new FactState(new FactStatus[facts]);
        Lanes = new long[facts];
        Numbers = new decimal[facts];
        Tests = new byte[tests];
        Truth = new RuleTruth[rules];
        Firings = new int[rules];
        Witness = new int[facts];
        Changed = new ulong[(facts + 63) >> 6];
    }

    /// <summary>
    /// Whether the last reset started this state from the rule set's no-input run (<see cref="Kernel.Reset"/>): only
    /// then may the compiled code leave a stage with that run's result when nothing it reads differs from that run.
    /// </summary>
    public bool FromNoInput { get; set; }

    /// <summary>
    /// Reset to the start of an evaluation and run every stage, never starting from the no-input run: the reference
    /// the stage skip is tested against.
    /// </summary>
    public bool RunEveryStage { get; set; }

    /// <summary>
    /// One bit per slot, set when its status differs from the no-input run's (every bit set when the state did not
    /// start from that run): a stage runs only when a slot it reads or derives has its bit set.
    /// </summary>
    public ulong[] Changed { get; }

    /// <summary>One bit per stage still to run in this evaluation, when it started from the no-input run (see <see cref="Kernel.Run"/>).</summary>
    public ulong[] Pending { get; }

    /// <summary>
    /// Per derived slot, which of its producers (position + 1; 0 for none) proved it undecided when this state last
    /// settled it: tried first next time, since consecutive evaluations mostly miss the same inputs. Only a hint: any
    /// unknown producer proves it, so the answer never depends on it, and it is not reset between evaluations.
    /// </summary>
    public int[] Witness { get; }

    /// <summary>
    /// Settle every derived fact by its producers, without the shortcut from the no-input run: the reference the
    /// shortcut is tested against, and how that run itself is made.
    /// </summary>
    public bool SettleEveryFact { get; set; }

    /// <summary>Status, boxed value and deriving firing per slot: what explanations read.</summary>
    public FactState Facts { get; }

    /// <summary>The integer lane per slot (booleans, whole numbers, enum bits, set masks).</summary>
    public long[] Lanes { get; }

    /// <summary>The decimal lane per slot (decimals, durations in hours).</summary>
    public decimal[] Numbers { get; }

    /// <summary>The current truth of every distinct test.</summary>
    public byte[] Tests { get; }

    public RuleTruth[] Truth { get; }

    /// <summary>Rule indices in firing order; one entry per rule, since each rule fires at most once.</summary>
    public int[] Firings { get; }

    public int FiringCount { get; set; }

    /// <summary>The current evaluation's cap on firings.</summary>
    public int MaxFirings { get; set; }

    /// <summary>The current evaluation's cancellation.</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Rules considered since cancellation was last checked (interpreted path).</summary>
    public int SinceCheck { get; set; }
}
