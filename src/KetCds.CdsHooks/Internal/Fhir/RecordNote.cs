namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>Something in the record KetCds read but could not use, or did not find: shown to the clinician, never dropped.</summary>
/// <param name="Resource">The resource, <c>Type/id</c>, or empty when the note is about the record as a whole.</param>
/// <param name="Path">Where in the resource, e.g. <c>code</c>.</param>
/// <param name="Message">What was not used and why.</param>
internal sealed record RecordNote(string Resource, string Path, string Message);
