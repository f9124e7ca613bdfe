namespace KetCds.Rules.Internal.Yaml;

/// <summary>A mapping's entries in document order, as YamlDotNet's ordered dictionary gives them.</summary>
internal sealed class MappingChildren(int capacity) : List<KeyValuePair<YamlNode, YamlNode>>(capacity);
