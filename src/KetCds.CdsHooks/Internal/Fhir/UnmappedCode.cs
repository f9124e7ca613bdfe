namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>A coded element none of whose codes is in the terminology map.</summary>
/// <param name="Resource">The resource, <c>Type/id</c>.</param>
/// <param name="Path">The element, e.g. <c>code</c> or <c>statusReason[0]</c>.</param>
/// <param name="Codes">Its codes as <c>system|code</c>, with the display when given.</param>
internal sealed record UnmappedCode(string Resource, string Path, string Codes);
