namespace KetCds.Engine;

/// <summary>Whether a fact is supplied by the caller or derived by rules.</summary>
public enum FactOrigin
{
    /// <summary>Supplied by the caller; when absent it is unknown.</summary>
    Input,

    /// <summary>Produced by rules; when no rule produces it, it is not derived (or unknown when a producing rule was undecided).</summary>
    Derived,
}
