using System.Collections.Immutable;
using Hl7.Fhir.Model;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>A parsed CDS Hooks request: the hook, its context, the FHIR server to fetch from, and the prefetched resources.</summary>
/// <param name="Hook">The hook that fired, e.g. <c>patient-view</c>.</param>
/// <param name="HookInstance">The EHR's id of this firing.</param>
/// <param name="FhirServer">The EHR's FHIR base URL, when given.</param>
/// <param name="AccessToken">The bearer token for <paramref name="FhirServer"/>, when given.</param>
/// <param name="PatientId">context.patientId.</param>
/// <param name="Selections">context.selections (order-select), as <c>Type/id</c>.</param>
/// <param name="DraftOrders">context.draftOrders (order-select, order-sign).</param>
/// <param name="Prefetch">Each supplied prefetch key with its resource; null when the EHR sent null (could not prefetch).</param>
internal sealed record HookRequest(
    string Hook,
    string HookInstance,
    Uri? FhirServer,
    string? AccessToken,
    string PatientId,
    ImmutableArray<string> Selections,
    Bundle? DraftOrders,
    ImmutableDictionary<string, Resource?> Prefetch);
