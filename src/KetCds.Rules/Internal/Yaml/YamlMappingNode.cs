using YamlDotNet.Core;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>A mapping, its entries in document order (keys are distinct: the builder reports duplicates as YamlDotNet does).</summary>
internal sealed class YamlMappingNode(Mark start, MappingChildren children) : YamlNode(start)
{
    public MappingChildren Children { get; } = children;
}
