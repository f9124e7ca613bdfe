using KetCds.Engine;

namespace KetCds.Rules.Internal.Vocabulary;

/// <summary>
/// The vocabulary as read: well-declared facts and attributes, plus the names whose declaration has errors, so that
/// rules using those names are not reported a second time.
/// </summary>
internal sealed class VocabularyModel
{
    /// <summary>False when the facts could not be read at all: then no fact name can be judged unknown.</summary>
    public bool FactsComplete { get; set; }

    /// <summary>False when the attributes could not be read at all: then no attribute name can be judged unknown.</summary>
    public bool AttributesComplete { get; set; }

    public List<FactDefinition> Facts { get; } = [];

    public Dictionary<string, FactDefinition> FactsByName { get; } = new(StringComparer.Ordinal);

    public HashSet<string> BrokenFacts { get; } = new(StringComparer.Ordinal);

    public List<AttributeDefinition> Attributes { get; } = [];

    public Dictionary<string, AttributeDefinition> AttributesByName { get; } = new(StringComparer.Ordinal);

    public HashSet<string> BrokenAttributes { get; } = new(StringComparer.Ordinal);

    public void Add(FactDefinition fact)
    {
        Facts.Add(fact);
        FactsByName[fact.Name] = fact;
    }

    public void Add(AttributeDefinition attribute)
    {
        Attributes.Add(attribute);
        AttributesByName[attribute.Name] = attribute;
    }
}
