using KetCds.Engine;
using KetCds.Rules.Internal.Vocabulary;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Rules;

/// <summary>What reading one rule file needs: the file, the vocabulary and the placeholders for parts with errors.</summary>
internal sealed class RuleContext(FileScope file, VocabularyModel vocabulary, Placeholders placeholders)
{
    public FileScope File { get; } = file;

    public Placeholders Placeholders { get; } = placeholders;

    /// <summary>The declared fact, or null: reported as unknown (with the nearest name) unless its declaration already failed.</summary>
    public FactDefinition? Fact(YamlNode node, string name, bool asConditionKey)
    {
        if (vocabulary.FactsByName.TryGetValue(name, out var fact))
        {
            return fact;
        }

        if (vocabulary.FactsComplete && !vocabulary.BrokenFacts.Contains(name))
        {
            // A misspelt 'all' or 'not' as a condition key reads as an unknown fact, so offer those words too.
            var names = asConditionKey ? vocabulary.FactsByName.Keys.Concat(Naming.ReservedWords) : vocabulary.FactsByName.Keys;
            File.Error(node, $"unknown fact '{name}'", NameSuggester.Suggest(name, names));
        }

        return null;
    }

    /// <summary>The declared attribute, or null: reported as unknown unless its declaration already failed.</summary>
    public AttributeDefinition? Attribute(YamlNode node, string name)
    {
        if (vocabulary.AttributesByName.TryGetValue(name, out var attribute))
        {
            return attribute;
        }

        if (vocabulary.AttributesComplete && !vocabulary.BrokenAttributes.Contains(name))
        {
            File.Error(node, $"unknown attribute '{name}'", NameSuggester.Suggest(name, vocabulary.AttributesByName.Keys));
        }

        return null;
    }
}
