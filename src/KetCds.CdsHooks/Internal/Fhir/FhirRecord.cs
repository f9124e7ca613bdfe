using System.Collections.Immutable;
using Hl7.Fhir.Model;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>The FHIR resources known about one patient for one hook call, from prefetch or from the EHR's FHIR server.</summary>
/// <param name="PatientId">The hook context's patient id.</param>
/// <param name="Patient">The Patient resource, when known.</param>
/// <param name="Resources">Every other resource, each once (by type and id), in a stable order.</param>
/// <param name="Present">The prefetch keys whose data is known (supplied or fetched), even when it holds no entry.</param>
internal sealed record FhirRecord(string PatientId, Patient? Patient, ImmutableArray<Resource> Resources, ImmutableHashSet<string> Present);
