using System.Collections.Immutable;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Manifest;

/// <summary>Reads <c>ruleset.yaml</c>: the rule set's name, version and description.</summary>
internal static class ManifestReader
{
    public static ImmutableArray<string> Keys { get; } = ["name", "version", "description"];

    /// <summary>The manifest, or null when any part of it has errors (all of them reported).</summary>
    public static RuleSetManifest? Read(FileScope file, YamlNode? root)
    {
        if (root is null)
        {
            file.Error(file.Start, "the manifest is empty; it must declare name, version and description");
            return null;
        }

        if (MappingReader.Open(file, root, "the manifest", Keys) is not { } m)
        {
            return null;
        }

        var name = m.Required("name") is { } n ? file.Name(n, "rule-set name", Naming.RuleSetName(), "use lower-case letters, digits and '-'") : null;
        var version = m.Required("version") is { } v
            ? file.Name(v, "version", Naming.Version(), "write MAJOR.MINOR.PATCH such as 1.0.0, optionally with a -pre-release or +build suffix")
            : null;
        var description = m.Required("description") is { } d ? file.Text(d, "the rule set's description") : null;
        return name is null || version is null || description is null ? null : new RuleSetManifest(name, version, description, file.At(root));
    }
}
