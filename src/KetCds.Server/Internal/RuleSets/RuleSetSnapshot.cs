using Google.Protobuf.WellKnownTypes;
using KetCds.Clinical;
using KetCds.Contracts.V1;

using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>
/// One loaded rule-set version with the read-only responses it implies, built once at load time off the request path.
/// The cached messages are shared by every call and must never be mutated.
/// </summary>
internal sealed class RuleSetSnapshot
{
    public RuleSetSnapshot(ClinicalEvaluator evaluator, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        Evaluator = evaluator;
        Identity = evaluator.Identity;
        LoadedAt = Timestamp.FromDateTimeOffset(loadedAt);
        // The engine is named only when it is not the default, so the default's startup line and logs are unchanged.
        Label = RuleSetContracts.Label(Identity) + (evaluator.EngineName == EngineNames.KetCds ? string.Empty : $" on {evaluator.EngineName}");

        var rules = new ListRulesResponse { RuleSet = Identity };
        rules.Rules.AddRange(RuleSetContracts.Rules(evaluator.RuleSet));
        RuleCount = rules.Rules.Count;
        Rules = rules;

        var catalog = new GetSourceCatalogResponse { RuleSet = Identity };
        catalog.Documents.AddRange(RuleSetContracts.Catalog(evaluator.RuleSet));
        Catalog = catalog;
    }

    public ClinicalEvaluator Evaluator { get; }

    public RuleSetIdentity Identity { get; }

    public Timestamp LoadedAt { get; }

    public int RuleCount { get; }

    /// <summary><c>NAME@VERSION+HASH12</c>, the short form used in the startup line and the logs.</summary>
    public string Label { get; }

    /// <summary>The ListRules answer, built once: it is fixed for the version and tens of kilobytes.</summary>
    public ListRulesResponse Rules { get; }

    /// <summary>The GetSourceCatalog answer, built once for the same reason.</summary>
    public GetSourceCatalogResponse Catalog { get; }

    /// <summary>Same name, version and content hash: answers from either are indistinguishable.</summary>
    public bool IsSameVersionAs(RuleSetIdentity other) =>
        string.Equals(Identity.ContentSha256, other.ContentSha256, StringComparison.Ordinal)
        && string.Equals(Identity.Version, other.Version, StringComparison.Ordinal)
        && string.Equals(Identity.Name, other.Name, StringComparison.Ordinal);
}
