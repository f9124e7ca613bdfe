using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Rm = YamlDotNet.RepresentationModel;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// Builds a file's nodes straight from the parser's events, for the files that need nothing else (every well-formed
/// rule-set file): one document, no anchors or aliases, scalar keys, no key twice in a mapping. Anything else is left
/// to YamlDotNet's own tree builder, whose behaviour and messages the diagnostics keep, and its tree is converted.
/// </summary>
internal static class YamlTreeBuilder
{
    /// <summary>Mappings with more keys than this check duplicates through a set rather than by looking back.</summary>
    private const int LinearKeyCheck = 16;

    /// <summary>
    /// The root of the stream's one document (null for an empty stream), or false when the stream holds something
    /// this builder leaves to YamlDotNet (including any error: the caller parses again to report it as YamlDotNet does).
    /// </summary>
    public static bool TryBuild(IParser parser, out YamlNode? root)
    {
        root = null;
        try
        {
            if (!parser.MoveNext() || parser.Current is not StreamStart || !parser.MoveNext())
            {
                return false;
            }

            if (parser.Current is StreamEnd)
            {
                return true;
            }

            if (parser.Current is not DocumentStart || !parser.MoveNext())
            {
                return false;
            }

            root = Node(parser, new PendingChildren());
            return root is not null && parser.Current is DocumentEnd && parser.MoveNext() && parser.Current is StreamEnd;
        }
        catch (Exception e) when (e is YamlException or EndOfStreamException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            root = null;
            return false;
        }
    }

    /// <summary>Converts YamlDotNet's tree (after its builder has resolved aliases), keeping shared nodes shared.</summary>
    public static YamlNode Convert(Rm.YamlNode node) => Convert(node, new Dictionary<Rm.YamlNode, YamlNode>(ReferenceEqualityComparer.Instance));

    // The parser stands on the node's first event; on return it stands on the event after the node's last, as
    // YamlDotNet's Consume leaves it. Null: something to leave to YamlDotNet.
    private static YamlNode? Node(IParser parser, PendingChildren pending)
    {
        switch (parser.Current)
        {
            case Scalar scalar when scalar.Anchor.IsEmpty:
                return parser.MoveNext() ? new YamlScalarNode(scalar.Start, scalar.Value, scalar.Style) : null;
            case SequenceStart start when start.Anchor.IsEmpty:
                return Sequence(parser, start, pending);
            case MappingStart start when start.Anchor.IsEmpty:
                return Mapping(parser, start, pending);
            default:
                return null;
        }
    }

    private static YamlSequenceNode? Sequence(IParser parser, SequenceStart start, PendingChildren pending)
    {
        var first = pending.ItemCount;
        if (!parser.MoveNext())
        {
            return null;
        }

        while (parser.Current is not SequenceEnd)
        {
            if (Node(parser, pending) is not { } item)
            {
                return null;
            }

            pending.PushItem(item);
        }

        return parser.MoveNext() ? new YamlSequenceNode(start.Start, pending.PopItems(first)) : null;
    }

    private static YamlMappingNode? Mapping(IParser parser, MappingStart start, PendingChildren pending)
    {
        var first = pending.EntryCount;
        HashSet<string>? keys = null;
        if (!parser.MoveNext())
        {
            return null;
        }

        while (parser.Current is not MappingEnd)
        {
            if (Node(parser, pending) is not YamlScalarNode key || Node(parser, pending) is not { } value || !Distinct(pending, first, ref keys, key.Value))
            {
                return null;
            }

            pending.PushEntry(key, value);
        }

        return parser.MoveNext() ? new YamlMappingNode(start.Start, pending.PopEntries(first)) : null;
    }

    /// <summary>
    /// Whether no earlier key of the mapping whose entries start at <paramref name="first"/> has this text (two keys with
    /// the same text may still differ by tag: YamlDotNet decides those).
    /// </summary>
    private static bool Distinct(PendingChildren pending, int first, ref HashSet<string>? keys, string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (keys is not null)
        {
            return keys.Add(text);
        }

        for (var i = first; i < pending.EntryCount; i++)
        {
            if (string.Equals(((YamlScalarNode)pending.Entry(i).Key).Value, text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (pending.EntryCount - first + 1 >= LinearKeyCheck)
        {
            keys = new HashSet<string>(StringComparer.Ordinal) { text };
            for (var i = first; i < pending.EntryCount; i++)
            {
                keys.Add(((YamlScalarNode)pending.Entry(i).Key).Value!);
            }
        }

        return true;
    }

    private static YamlNode Convert(Rm.YamlNode node, Dictionary<Rm.YamlNode, YamlNode> seen)
    {
        if (seen.TryGetValue(node, out var done))
        {
            return done;
        }

        switch (node)
        {
            case Rm.YamlScalarNode scalar:
                return seen[node] = new YamlScalarNode(scalar.Start, scalar.Value, scalar.Style);
            case Rm.YamlSequenceNode sequence:
            {
                var children = new List<YamlNode>(sequence.Children.Count);
                seen[node] = new YamlSequenceNode(sequence.Start, children);
                foreach (var child in sequence.Children)
                {
                    children.Add(Convert(child, seen));
                }

                return seen[node];
            }

            case Rm.YamlMappingNode mapping:
            {
                var children = new MappingChildren(mapping.Children.Count);
                seen[node] = new YamlMappingNode(mapping.Start, children);
                foreach (var (key, value) in mapping.Children)
                {
                    children.Add(new(Convert(key, seen), Convert(value, seen)));
                }

                return seen[node];
            }

            default:
                throw new InvalidOperationException($"YamlDotNet left a {node.NodeType} node in a loaded document");
        }
    }
}
