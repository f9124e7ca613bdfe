using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>The patient facts read from a FHIR record, with everything that could not be used.</summary>
/// <param name="Facts">The facts for the engine.</param>
/// <param name="Unmapped">Coded elements whose codes are not in the terminology map.</param>
/// <param name="Notes">Resources or elements read but not used, and why.</param>
/// <param name="Errors">Malformed codes or values: the request is rejected with these.</param>
internal sealed record MappedPatient(
    PatientFacts Facts,
    ImmutableArray<UnmappedCode> Unmapped,
    ImmutableArray<RecordNote> Notes,
    ImmutableArray<RecordNote> Errors);
