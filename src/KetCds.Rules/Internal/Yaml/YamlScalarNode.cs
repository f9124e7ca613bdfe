using YamlDotNet.Core;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>A scalar: its text and how it was written (a plain empty or <c>null</c> scalar is YAML's null).</summary>
internal sealed class YamlScalarNode(Mark start, string? value, ScalarStyle style) : YamlNode(start)
{
    /// <summary>A scalar written nowhere (no position), as YamlDotNet's own constructor makes one.</summary>
    public YamlScalarNode(string? value)
        : this(Mark.Empty, value, ScalarStyle.Any)
    {
    }

    public string? Value { get; } = value;

    public ScalarStyle Style { get; } = style;
}
