using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// Checks a file's YAML events as the node tree is built from them: nesting depth, aliases and the size the document
/// would have with every alias expanded. A few hundred bytes of nested aliases (an "alias bomb") otherwise cost minutes
/// and gigabytes to walk, and deep nesting can exhaust the stack. The events pass through to the tree builder, so a
/// file is scanned once (scanning is most of YamlDotNet's cost); at the first problem the stream ends early.
/// </summary>
internal sealed class YamlShapeGuard(IParser inner) : IParser
{
    /// <summary>Deepest nesting of mappings and lists; the shipped rules nest about ten levels, conditions at most 64.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most aliases ('*name') in one file.</summary>
    public const int MaxAliases = 256;

    /// <summary>Most nodes one file may expand to, counting each alias as a copy of what it refers to.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    // The open mappings and lists, as arrays of the most that can be open before the depth check stops the stream: a
    // stack of tuples is generic code over a value type that ReadyToRun cannot precompile (the JIT compiled it at every cold load).
    private readonly string?[] _openAnchors = new string?[MaxDepth + 1];
    private readonly long[] _openStarts = new long[MaxDepth + 1];
    private int _depth;
    private long _nodes;
    private int _aliases;

    /// <summary>Null while the shape is acceptable; otherwise where and why it is not (and the stream has ended).</summary>
    public (Mark Where, string Problem)? Problem { get; private set; }

    /// <inheritdoc/>
    public ParsingEvent? Current => Problem is null ? inner.Current : null;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (Problem is not null || !inner.MoveNext())
        {
            return false;
        }

        Problem = Check(inner.Current!);
        return Problem is null;
    }

    private (Mark Where, string Problem)? Check(ParsingEvent current)
    {
        switch (current)
        {
            case NodeEvent { } node and (MappingStart or SequenceStart):
                _nodes++;
                _openAnchors[_depth] = node.Anchor.IsEmpty ? null : node.Anchor.Value;
                _openStarts[_depth++] = _nodes;
                if (_depth > MaxDepth)
                {
                    return (node.Start, $"the YAML nests deeper than {MaxDepth} levels");
                }

                break;
            case MappingEnd or SequenceEnd when _depth > 0:
                _depth--;
                var (anchor, start) = (_openAnchors[_depth], _openStarts[_depth]);
                if (anchor is not null)
                {
                    _anchorSizes[anchor] = _nodes - start + 1;
                }

                break;
            case Scalar scalar:
                _nodes++;
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor.Value] = 1;
                }

                break;
            case AnchorAlias alias:
                if (++_aliases > MaxAliases)
                {
                    return (alias.Start, $"the file uses more than {MaxAliases} YAML aliases");
                }

                _nodes += _anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                break;
        }

        return _nodes > MaxExpandedNodes
            ? (current.Start, $"with its aliases expanded the file has more than {MaxExpandedNodes:N0} YAML nodes; rule-set files must not use aliases to multiply content")
            : null;
    }
}
