using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>A generated patient the contract accepts.</summary>
public sealed record ValidPatient(PatientFacts Facts)
{
    public override string ToString() => Facts.ToString();
}
