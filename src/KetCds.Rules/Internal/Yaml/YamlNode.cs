using YamlDotNet.Core;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// A node of a rule-set file as the readers see it: the little of YamlDotNet's representation model they use (scalar
/// value and style, list items, mapping entries in order, start positions), built straight from the parser's events
/// by <see cref="YamlTreeBuilder"/> without YamlDotNet's node tree and its dictionaries.
/// </summary>
internal abstract class YamlNode(Mark start)
{
    /// <summary>Where the node starts, for diagnostics.</summary>
    public NodePosition Start { get; } = new((int)start.Line, (int)start.Column);
}
