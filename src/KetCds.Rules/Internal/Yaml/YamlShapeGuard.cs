using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// Checks a file's YAML events before any tree is built: nesting depth, aliases and the size the document would
/// have with every alias expanded. A few hundred bytes of nested aliases (an "alias bomb") otherwise cost minutes
/// and gigabytes to walk, and deep nesting can exhaust the stack.
/// </summary>
internal static class YamlShapeGuard
{
    /// <summary>Deepest nesting of mappings and lists; the shipped rules nest about ten levels, conditions at most 64.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most aliases ('*name') in one file.</summary>
    public const int MaxAliases = 256;

    /// <summary>Most nodes one file may expand to, counting each alias as a copy of what it refers to.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>
    /// Null when the shape is acceptable; otherwise where and why it is not. Every event read is added to
    /// <paramref name="events"/>; <paramref name="complete"/> says whether that is the whole file (false on a syntax
    /// error, which is left to a parse of the text that reports it).
    /// </summary>
    public static (Mark Where, string Problem)? Check(string text, List<ParsingEvent> events, out bool complete)
    {
        complete = false;
        var parser = new Parser(new StringReader(text));
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long StartCount)>();
        long nodes = 0;
        var aliases = 0;
        try
        {
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
                switch (parser.Current)
                {
                    case NodeEvent { } node and (MappingStart or SequenceStart):
                        nodes++;
                        open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, nodes));
                        if (open.Count > MaxDepth)
                        {
                            return (node.Start, $"the YAML nests deeper than {MaxDepth} levels");
                        }

                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        var (anchor, start) = open.Pop();
                        if (anchor is not null)
                        {
                            anchorSizes[anchor] = nodes - start + 1;
                        }

                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchorSizes[scalar.Anchor.Value] = 1;
                        }

                        break;
                    case AnchorAlias alias:
                        if (++aliases > MaxAliases)
                        {
                            return (alias.Start, $"the file uses more than {MaxAliases} YAML aliases");
                        }

                        nodes += anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                }

                if (nodes > MaxExpandedNodes)
                {
                    return (parser.Current!.Start, $"with its aliases expanded the file has more than {MaxExpandedNodes:N0} YAML nodes; rule-set files must not use aliases to multiply content");
                }
            }

            complete = true;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // Reported with its position by the parse that builds the tree.
        }

        return null;
    }
}
