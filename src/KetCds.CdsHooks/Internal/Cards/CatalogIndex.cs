using System.Collections.Frozen;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>A rule-set version's catalog indexed by document and claim id; built once per version.</summary>
internal sealed class CatalogIndex
{
    public CatalogIndex(RuleSetIdentity identity, GetSourceCatalogResponse catalog)
    {
        Identity = identity;
        Documents = catalog.Documents.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        Claims = catalog.Documents.SelectMany(d => d.Claims).ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public RuleSetIdentity Identity { get; }

    public FrozenDictionary<string, SourceDocument> Documents { get; }

    public FrozenDictionary<string, Claim> Claims { get; }
}
