using System.Globalization;
using System.Text.RegularExpressions;
using KetCds.Engine;
using YamlDotNet.Core;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>One file being read: positions its nodes and reports errors against them.</summary>
internal sealed class FileScope(string relativePath, Diagnostics diagnostics)
{
    /// <summary>The path relative to the rule-set directory, with '/' separators.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>The first character of the file, for problems with the file as a whole.</summary>
    public SourceLocation Start => new(RelativePath, 1, 1);

    public SourceLocation At(YamlNode node) => new(RelativePath, node.Start.Line, node.Start.Column);

    public void Error(YamlNode node, string message, string? suggestion = null) => diagnostics.Error(At(node), message, suggestion);

    public void Error(SourceLocation location, string message, string? suggestion = null) => diagnostics.Error(location, message, suggestion);

    /// <summary>How a node looks, for "must be X, but is Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "empty",
        YamlScalarNode scalar => $"the text '{scalar.Value}'",
        _ => "something else",
    };

    /// <summary>Whether a node is YAML's null: nothing, <c>~</c> or <c>null</c> written plain.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A non-empty text scalar, or null after reporting what is wrong.</summary>
    public string? Text(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            Error(node, $"{what} must be text, but is {Describe(node)}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(node, $"{what} is empty");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A text scalar that must match <paramref name="pattern"/>, or null after reporting.</summary>
    public string? Name(YamlNode node, string what, Regex pattern, string format)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!pattern.IsMatch(text))
        {
            Error(node, $"{what} '{text}' is not valid: {format}");
            return null;
        }

        return text;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        var text = (node as YamlScalarNode)?.Value;
        switch (text)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(node, $"{what} must be true or false, but is {Describe(node)}");
                return null;
        }
    }

    public int? Integer(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, $"{what} must be a whole number, but is {Describe(node)}");
        return null;
    }

    /// <summary>A list node, or null after reporting; <paramref name="nonEmpty"/> also rejects an empty list.</summary>
    public YamlSequenceNode? Sequence(YamlNode node, string what, bool nonEmpty)
    {
        if (node is not YamlSequenceNode list)
        {
            Error(node, $"{what} must be a list, but is {Describe(node)}");
            return null;
        }

        if (nonEmpty && list.Children.Count == 0)
        {
            Error(node, $"{what} must not be empty");
            return null;
        }

        return list;
    }
}
