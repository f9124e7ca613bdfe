namespace KetCds.Rules.Internal.Yaml;

/// <summary>A mapping's entries in document order, with their keys alone as YamlDotNet's ordered dictionary gives them.</summary>
internal sealed class MappingChildren(int capacity) : List<KeyValuePair<YamlNode, YamlNode>>(capacity)
{
    public IEnumerable<YamlNode> Keys => this.Select(entry => entry.Key);
}
