using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>A generated patient that may be invalid: out-of-range numbers, unknown enum numbers, contradictions.</summary>
public sealed record AnyPatient(PatientFacts Facts)
{
    public override string ToString() => Facts?.ToString() ?? "(no patient)";
}
