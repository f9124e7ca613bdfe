using System.Collections.Immutable;
using KetCds.Engine;
using KetCds.Rules.Internal.Catalog;
using KetCds.Rules.Internal.Contract;
using KetCds.Rules.Internal.Identity;
using KetCds.Rules.Internal.Manifest;
using KetCds.Rules.Internal.Rules;
using KetCds.Rules.Internal.Vocabulary;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal;

/// <summary>One load of a rule-set directory: read every file, check it, compile, and build the loaded rule set.</summary>
internal static class LoadPipeline
{
    public static RuleSetLoadResult Run(RuleSetFiles read, VocabularyContract? contract = null)
    {
        var directory = read.Directory;
        var diagnostics = new Diagnostics(RuleSetLayout.DisplayRoot(directory));
        if (read.DirectoryProblem is not null)
        {
            diagnostics.DirectoryError(read.DirectoryProblem);
            return new RuleSetLoadResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        var files = read.Files.Select(f => f.Path).ToList();
        foreach (var ignored in files.Where(f => f.EndsWith(".yml", StringComparison.Ordinal)))
        {
            diagnostics.Warning(new SourceLocation(ignored, 1, 1), "this file is ignored: rule-set files end in '.yaml'");
        }

        var yaml = files.Where(RuleSetLayout.IsRuleSetFile).ToList();
        var manifest = ReadManifest(read, yaml, diagnostics);
        var vocabulary = ReadVocabulary(read, yaml, diagnostics);
        var catalog = new CatalogAssembler(diagnostics);
        foreach (var path in yaml.Where(RuleSetLayout.IsSource))
        {
            var file = new FileScope(path, diagnostics);
            var root = YamlFileParser.Parse(Source(read, path), file, out var ok);
            catalog.Add(ok ? SourceFileReader.Read(file, root, Path.GetFileNameWithoutExtension(path)) : null);
        }

        var placeholders = new Placeholders();
        var rules = new List<ParsedRule>();
        var rulesComplete = true;
        foreach (var path in yaml.Where(p => p is not (RuleSetLayout.Manifest or RuleSetLayout.Vocabulary) && !RuleSetLayout.IsSource(p)))
        {
            var file = new FileScope(path, diagnostics);
            var root = YamlFileParser.Parse(Source(read, path), file, out var ok);
            if (!ok)
            {
                rulesComplete = false;
                continue;
            }

            new RuleFileReader(new RuleContext(file, vocabulary, placeholders)).Read(root, rules);
        }

        CitationChecker.Check(rules, catalog, rulesComplete, diagnostics);
        if (contract is not null && vocabulary.FactsComplete && vocabulary.AttributesComplete)
        {
            new ContractChecker(contract, diagnostics).Check(vocabulary.Facts, vocabulary.Attributes, rules.Select(r => r.Rule));
        }

        // Without the facts every rule would be wrong, so the engine's checks would only add noise.
        var compiled = vocabulary.FactsComplete ? Compile(manifest, vocabulary, rules, placeholders, rulesComplete, diagnostics) : null;
        if (diagnostics.HasErrors || manifest is null || compiled is null)
        {
            return new RuleSetLoadResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        var sources = catalog.Build();
        ImmutableArray<AttributeDefinition> attributes = [.. vocabulary.Attributes];
        var identity = IdentityHasher.Identify(manifest, compiled, attributes, sources);
        var loaded = new LoadedRuleSet(directory, manifest, compiled, sources, attributes, identity);
        return new RuleSetLoadResult(loaded, [], diagnostics.Warnings);
    }

    private static RuleSetFile Source(RuleSetFiles read, string path) =>
        read.TryGet(path, out var file) ? file : throw new InvalidOperationException($"'{path}' was listed but not read");

    private static RuleSetManifest? ReadManifest(RuleSetFiles read, List<string> yaml, Diagnostics diagnostics)
    {
        var file = new FileScope(RuleSetLayout.Manifest, diagnostics);
        if (!yaml.Contains(RuleSetLayout.Manifest))
        {
            file.Error(file.Start, "the rule set has no manifest: create ruleset.yaml with its name, version and description");
            return null;
        }

        var root = YamlFileParser.Parse(Source(read, RuleSetLayout.Manifest), file, out var ok);
        return ok ? ManifestReader.Read(file, root) : null;
    }

    private static VocabularyModel ReadVocabulary(RuleSetFiles read, List<string> yaml, Diagnostics diagnostics)
    {
        var vocabulary = new VocabularyModel();
        var file = new FileScope(RuleSetLayout.Vocabulary, diagnostics);
        if (!yaml.Contains(RuleSetLayout.Vocabulary))
        {
            file.Error(file.Start, "the rule set has no vocabulary: create vocabulary.yaml declaring its facts");
            return vocabulary;
        }

        var root = YamlFileParser.Parse(Source(read, RuleSetLayout.Vocabulary), file, out var ok);
        if (ok)
        {
            VocabularyReader.Read(file, root, vocabulary);
        }

        return vocabulary;
    }

    private static CompiledRuleSet? Compile(
        RuleSetManifest? manifest, VocabularyModel vocabulary, List<ParsedRule> rules, Placeholders placeholders, bool rulesComplete, Diagnostics diagnostics)
    {
        // Rules are built first: that is what decides whether the placeholder fact is needed.
        ImmutableArray<Rule> model = [.. rules.Select(r => r.Rule)];
        ImmutableArray<FactDefinition> facts = placeholders.Used ? [.. vocabulary.Facts, placeholders.Fact] : [.. vocabulary.Facts];

        // A missing or bad manifest is already reported; stand-ins keep the engine from reporting it again.
        var compilation = RuleSetCompiler.Compile(new RuleSetModel(manifest?.Name ?? "unnamed", manifest?.Version ?? "0.0.0", facts, model));
        var failed = placeholders.FailedDerivations
            .Select(name => vocabulary.FactsByName[name].Location)
            .ToHashSet();
        foreach (var error in compilation.Errors)
        {
            // A derived fact whose only derivations had errors (or sit in an unreadable file) is not "underived".
            if (error.Code == ModelErrorCodes.UnderivedFact && (!rulesComplete || failed.Contains(error.Location)))
            {
                continue;
            }

            if (error.Location is { } location)
            {
                diagnostics.Error(location, error.Message, error.Suggestion);
            }
            else
            {
                diagnostics.DirectoryError(error.Message);
            }
        }

        return compilation.RuleSet;
    }
}
