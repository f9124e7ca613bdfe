using System.Collections.Immutable;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>One CDS service of the discovery document.</summary>
/// <param name="Id">The service id, the last segment of its URL.</param>
/// <param name="Hook">The hook it answers.</param>
/// <param name="Title">Human-friendly name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Prefetch">Prefetch key to FHIR query template, in key order.</param>
internal sealed record HookService(string Id, string Hook, string Title, string Description, ImmutableSortedDictionary<string, string> Prefetch);
