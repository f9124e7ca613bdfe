namespace KetCds.Rules.Internal.Catalog;

/// <summary>One source file as read: its document (null when it has errors) and its claims.</summary>
internal sealed record ParsedSource(CatalogDocument? Document, IReadOnlyList<ClaimEntry> Claims);
