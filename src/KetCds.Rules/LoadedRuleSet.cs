using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using KetCds.Engine;

namespace KetCds.Rules;

/// <summary>A rule-set directory that loaded without errors: manifest, compiled rules, vocabulary attributes and source catalog.</summary>
public sealed class LoadedRuleSet
{
    private readonly FrozenDictionary<string, AttributeDefinition> _attributes;
    private readonly FrozenDictionary<string, string[]> _citingRules;

    internal LoadedRuleSet(
        string directory,
        RuleSetManifest manifest,
        CompiledRuleSet compiled,
        SourceCatalog catalog,
        ImmutableArray<AttributeDefinition> attributes,
        VersionIdentity identity)
    {
        Directory = directory;
        Manifest = manifest;
        Compiled = compiled;
        Catalog = catalog;
        Attributes = [.. attributes.OrderBy(a => a.Name, StringComparer.Ordinal)];
        Identity = identity;
        _attributes = Attributes.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        // A loop rather than LINQ over (claim, rule) tuples: that generic code is compiled by the JIT at every cold load.
        var citing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rule in compiled.Model.Rules)
        {
            foreach (var claim in rule.Citations.IsDefault ? [] : rule.Citations)
            {
                if (!citing.TryGetValue(claim, out var rules))
                {
                    citing[claim] = rules = [];
                }

                rules.Add(rule.Id);
            }
        }

        // String arrays, handed out as immutable arrays: a dictionary over the ImmutableArray struct is generic code the JIT compiles at every cold load.
        _citingRules = citing.ToFrozenDictionary(
            c => c.Key, c => c.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        UncitedClaims = [.. catalog.Claims.Where(c => c.NotEncoded is null && !_citingRules.ContainsKey(c.Id))];
    }

    /// <summary>The rule-set directory as the caller gave it.</summary>
    public string Directory { get; }

    /// <summary>The manifest.</summary>
    public RuleSetManifest Manifest { get; }

    /// <summary>The compiled rules, ready to evaluate.</summary>
    public CompiledRuleSet Compiled { get; }

    /// <summary>The source catalog the rules cite.</summary>
    public SourceCatalog Catalog { get; }

    /// <summary>
    /// The rule set's identity: its declared name and version plus a SHA-256 over the engine's content hash and the
    /// canonical content of the attributes and the catalog. Unchanged by whitespace, comments, key order, file names and
    /// rule order; changed by any change of meaning, including a claim's paraphrase. Prefer it to <c>Compiled.ModelHash</c>, which covers the rules alone.
    /// </summary>
    public VersionIdentity Identity { get; }

    /// <summary>The attributes outcomes may carry, sorted by name.</summary>
    public ImmutableArray<AttributeDefinition> Attributes { get; }

    /// <summary>Claims neither cited by any rule nor marked not_encoded, sorted by id: the catalog's coverage gaps.</summary>
    public ImmutableArray<SourceClaim> UncitedClaims { get; }

    /// <summary>The declared attribute with the given name, or null.</summary>
    public AttributeDefinition? FindAttribute(string name) => _attributes.GetValueOrDefault(name);

    /// <summary>The ids of the rules that cite a claim, sorted; empty when none does.</summary>
    public ImmutableArray<string> RulesCiting(string claimId) => _citingRules.TryGetValue(claimId, out var rules) ? ImmutableCollectionsMarshal.AsImmutableArray(rules) : [];

    /// <summary>
    /// The errors this rule set would have been loaded with under <paramref name="contract"/>: empty when it meets what
    /// the consumer expects. For consumers handed a rule set loaded without their contract.
    /// </summary>
    public ImmutableArray<RuleSetError> ContractErrors(VocabularyContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var diagnostics = new Internal.Diagnostics(Internal.RuleSetLayout.DisplayRoot(Directory));
        new Internal.Contract.ContractChecker(contract, diagnostics).Check(Compiled.Model.Facts, Attributes, Compiled.Model.Rules);
        return diagnostics.Errors;
    }

    /// <summary>
    /// Checks the catalog's locators against the document texts in <paramref name="documentsDirectory"/> (see
    /// <see cref="SourceCatalog.VerifyLocators"/>) and reports the problems as errors in the source files.
    /// </summary>
    public ImmutableArray<RuleSetError> VerifyLocators(string documentsDirectory) =>
        [.. Catalog.VerifyLocators(documentsDirectory).Select(p =>
            new RuleSetError(Internal.RuleSetLayout.DisplayRoot(Directory), p.Location.File, p.Location.Line, p.Location.Column, p.Message))];
}
