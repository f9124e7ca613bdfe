namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>A prefetch key whose data is not known for this call, and why (not sent, or the fetch failed).</summary>
/// <param name="Key">The prefetch key.</param>
/// <param name="Reason">Why it is missing.</param>
internal sealed record PrefetchGap(string Key, string Reason);
