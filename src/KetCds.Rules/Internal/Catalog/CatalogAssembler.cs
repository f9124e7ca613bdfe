namespace KetCds.Rules.Internal.Catalog;

/// <summary>Gathers the source files into one catalog, checking that claim ids are unique across all of them.</summary>
internal sealed class CatalogAssembler(Diagnostics diagnostics)
{
    private readonly List<CatalogDocument> _documents = [];

    /// <summary>Every claim id read, even of claims with errors, so citations of them are not reported as unknown.</summary>
    public Dictionary<string, ClaimEntry> Claims { get; } = new(StringComparer.Ordinal);

    /// <summary>False when some source file could not be read at all: then a citation cannot be judged unknown.</summary>
    public bool Complete { get; private set; } = true;

    public void Add(ParsedSource? source)
    {
        if (source is null)
        {
            Complete = false;
            return;
        }

        if (source.Document is { } document)
        {
            _documents.Add(document);
        }

        foreach (var claim in source.Claims)
        {
            if (Claims.TryGetValue(claim.Id, out var first))
            {
                var where = first.IdLocation.ToString();
                diagnostics.Error(claim.IdLocation, $"claim id '{claim.Id}' is already used at {where}");
                continue;
            }

            Claims.Add(claim.Id, claim);
        }
    }

    /// <summary>The catalog; only called when nothing had errors, so every document and claim is whole.</summary>
    public SourceCatalog Build() => new(_documents, Claims.Values.Select(c => c.Claim!));
}
