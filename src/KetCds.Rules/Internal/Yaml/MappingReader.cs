using System.Collections.Immutable;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>A YAML mapping whose keys have been checked against the keys allowed in its place.</summary>
internal sealed class MappingReader
{
    private readonly FileScope _file;
    private readonly string _what;
    private readonly List<(YamlScalarNode Key, string Name, YamlNode Value)> _entries;

    private MappingReader(FileScope file, YamlMappingNode node, string what, List<(YamlScalarNode, string, YamlNode)> entries)
    {
        _file = file;
        Node = node;
        _what = what;
        _entries = entries;
    }

    public YamlMappingNode Node { get; }

    /// <summary>The entries with a valid key, in document order.</summary>
    public IReadOnlyList<(YamlScalarNode Key, string Name, YamlNode Value)> Entries => _entries;

    /// <summary>
    /// Opens <paramref name="node"/> as a mapping describing <paramref name="what"/>, reporting a wrong shape and any key
    /// not in <paramref name="allowed"/> (with the nearest allowed key); null <paramref name="allowed"/> accepts any key.
    /// </summary>
    public static MappingReader? Open(FileScope file, YamlNode node, string what, ImmutableArray<string>? allowed)
    {
        if (node is not YamlMappingNode map)
        {
            file.Error(node, $"{what} must be a mapping, but is {FileScope.Describe(node)}");
            return null;
        }

        var entries = new List<(YamlScalarNode, string, YamlNode)>(map.Children.Count);
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode scalar || FileScope.IsNull(key) || string.IsNullOrWhiteSpace(scalar.Value))
            {
                file.Error(key, $"a key in {what} must be a name, but is {FileScope.Describe(key)}");
                continue;
            }

            if (allowed is { } keys && !keys.Contains(scalar.Value, StringComparer.Ordinal))
            {
                var (message, suggestion) = UnknownName.Message("key", scalar.Value, keys, where: $" in {what}");
                file.Error(key, message, suggestion);
                continue;
            }

            entries.Add((scalar, scalar.Value, value));
        }

        return new MappingReader(file, map, what, entries);
    }

    public YamlNode? Optional(string key)
    {
        foreach (var (_, name, value) in _entries)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The value of a required key, or null after reporting that it is missing.</summary>
    public YamlNode? Required(string key)
    {
        var value = Optional(key);
        if (value is null)
        {
            _file.Error(Node, $"{_what} is missing required key '{key}'");
        }

        return value;
    }

    /// <summary>The key node of an entry, for positioning errors about the entry as a whole.</summary>
    public YamlScalarNode? KeyNode(string key)
    {
        foreach (var (node, name, _) in _entries)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }
}
