namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// The children of the mappings and lists being built, as two stacks shared by the nesting levels of one build: each
/// collection is then allocated once at its exact size when it closes. Most mappings of a rule file have one entry, and
/// a list that grows as it is read held room for four, which was about a tenth of the tree's allocation. Popped slots are
/// not cleared: everything they refer to is in the tree being built, which outlives this.
/// </summary>
internal sealed class PendingChildren
{
    private KeyValuePair<YamlNode, YamlNode>[] _entries = new KeyValuePair<YamlNode, YamlNode>[64];
    private YamlNode[] _items = new YamlNode[64];

    public int EntryCount { get; private set; }

    public int ItemCount { get; private set; }

    public KeyValuePair<YamlNode, YamlNode> Entry(int index) => _entries[index];

    public void PushEntry(YamlNode key, YamlNode value)
    {
        if (EntryCount == _entries.Length)
        {
            // Array.Copy rather than a generic resize: generic code over this struct is not precompiled.
            var larger = new KeyValuePair<YamlNode, YamlNode>[_entries.Length * 2];
            Array.Copy(_entries, larger, EntryCount);
            _entries = larger;
        }

        _entries[EntryCount++] = new(key, value);
    }

    public void PushItem(YamlNode item)
    {
        if (ItemCount == _items.Length)
        {
            var larger = new YamlNode[_items.Length * 2];
            Array.Copy(_items, larger, ItemCount);
            _items = larger;
        }

        _items[ItemCount++] = item;
    }

    /// <summary>The entries pushed since <paramref name="start"/>, as a mapping's children; they leave the stack.</summary>
    public MappingChildren PopEntries(int start)
    {
        var children = new MappingChildren(EntryCount - start);
        for (var i = start; i < EntryCount; i++)
        {
            children.Add(_entries[i]);
        }

        EntryCount = start;
        return children;
    }

    /// <summary>The items pushed since <paramref name="start"/>, as a list's children; they leave the stack.</summary>
    public List<YamlNode> PopItems(int start)
    {
        var children = new List<YamlNode>(ItemCount - start);
        for (var i = start; i < ItemCount; i++)
        {
            children.Add(_items[i]);
        }

        ItemCount = start;
        return children;
    }
}
