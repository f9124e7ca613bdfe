namespace KetCds.CdsHooks;

/// <summary>Where an answered hook call's time went, per stage, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
/// <param name="Parse">Reading the request and parsing and validating its FHIR with the Firely SDK.</param>
/// <param name="Resolve">Building the record from the prefetch, fetching missing keys from the EHR's FHIR server.</param>
/// <param name="Map">Mapping the record to patient facts through the terminology map.</param>
/// <param name="Evaluate">The rule set's evaluation.</param>
/// <param name="Cards">Building the cards and writing their JSON.</param>
public readonly record struct CdsHookPhases(long Parse, long Resolve, long Map, long Evaluate, long Cards);
