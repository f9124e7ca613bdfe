using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using KetCds.Rules.Internal.Catalog;

namespace KetCds.Rules;

/// <summary>The source catalog: the documents rules rest on and the claims they cite.</summary>
public sealed class SourceCatalog
{
    private readonly FrozenDictionary<string, SourceClaim> _claims;
    private readonly FrozenDictionary<string, CatalogDocument> _documents;
    private readonly FrozenDictionary<string, SourceClaim[]> _byDocument;

    /// <summary>Creates a catalog; claim and document ids must be unique and every claim's document must be listed.</summary>
    /// <exception cref="ArgumentException">An id is used twice or a claim names a document that is not listed.</exception>
    public SourceCatalog(IEnumerable<CatalogDocument> documents, IEnumerable<SourceClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(claims);
        Documents = [.. documents.OrderBy(d => d.Id, StringComparer.Ordinal)];
        Claims = [.. claims.OrderBy(c => c.Id, StringComparer.Ordinal)];
        _documents = Unique(Documents, d => d.Id, "document");
        _claims = Unique(Claims, c => c.Id, "claim");
        foreach (var claim in Claims.Where(c => !_documents.ContainsKey(c.DocumentId)))
        {
            throw new ArgumentException($"claim '{claim.Id}' names document '{claim.DocumentId}', which is not in the catalog", nameof(claims));
        }

        // Arrays rather than ImmutableArray values in the dictionary: a dictionary over that struct is generic code that
        // ReadyToRun cannot precompile, so the JIT compiled some thirty of its methods at every cold load.
        _byDocument = Documents.ToFrozenDictionary(
            d => d.Id,
            d => Claims.Where(c => string.Equals(c.DocumentId, d.Id, StringComparison.Ordinal)).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The documents, sorted by id.</summary>
    public ImmutableArray<CatalogDocument> Documents { get; }

    /// <summary>Every claim of every document, sorted by id.</summary>
    public ImmutableArray<SourceClaim> Claims { get; }

    /// <summary>The claim with the given id, or null.</summary>
    public SourceClaim? FindClaim(string id) => _claims.GetValueOrDefault(id);

    /// <summary>The document with the given id, or null.</summary>
    public CatalogDocument? FindDocument(string id) => _documents.GetValueOrDefault(id);

    /// <summary>The claims of one document, sorted by id; empty for an unknown document.</summary>
    public ImmutableArray<SourceClaim> ClaimsOf(string documentId) =>
        _byDocument.TryGetValue(documentId, out var claims) ? ImmutableCollectionsMarshal.AsImmutableArray(claims) : [];

    /// <summary>
    /// Checks every locator against the document texts <c>&lt;id&gt;.txt</c> in <paramref name="documentsDirectory"/>:
    /// the text exists, every listed heading is a whole line in the listed order, and every anchor (at most 8 words)
    /// occurs verbatim in its claim's section. Returns the problems found, in catalog order; empty when all match.
    /// </summary>
    public ImmutableArray<LocatorProblem> VerifyLocators(string documentsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentsDirectory);
        return LocatorVerifier.Verify(this, documentsDirectory);
    }

    private static FrozenDictionary<string, T> Unique<T>(ImmutableArray<T> items, Func<T, string> id, string what)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!map.TryAdd(id(item), item))
            {
                throw new ArgumentException($"{what} id '{id(item)}' is used more than once", nameof(items));
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
