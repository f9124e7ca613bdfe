using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// A file's YAML events as the shape guard read them, replayed to build the node tree, so a file is scanned once
/// rather than once for the guard and again for the tree (scanning is most of YamlDotNet's cost).
/// </summary>
internal sealed class RecordedEvents(List<ParsingEvent> events) : IParser
{
    private int _next;

    /// <inheritdoc/>
    public ParsingEvent? Current { get; private set; }

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_next >= events.Count)
        {
            Current = null;
            return false;
        }

        Current = events[_next++];
        return true;
    }
}
