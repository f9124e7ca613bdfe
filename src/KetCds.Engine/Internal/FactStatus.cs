namespace KetCds.Engine.Internal;

/// <summary>What is known about one fact slot during and after an evaluation.</summary>
internal enum FactStatus : byte
{
    /// <summary>An input fact the caller did not supply: unknown.</summary>
    Missing = 0,

    /// <summary>The fact has a value.</summary>
    Present = 1,

    /// <summary>A derived fact not (yet) derived; after its stage every producer was false, so it is known not to hold.</summary>
    NotDerived = 2,

    /// <summary>A derived fact not derived while some producer was undecided: unknown.</summary>
    Undecided = 3,
}
