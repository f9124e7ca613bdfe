using YamlDotNet.Core;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>A list, its items in document order.</summary>
internal sealed class YamlSequenceNode(Mark start, List<YamlNode> children) : YamlNode(start)
{
    public List<YamlNode> Children { get; } = children;
}
