using System.Security.Cryptography;
using System.Text;
using KetCds.Engine;
using KetCds.Rules.Internal.Vocabulary;

namespace KetCds.Rules.Internal.Identity;

/// <summary>
/// Hashes what a rule set says, not how it is written: the engine's content hash (facts and rules, order-free) plus a
/// canonical rendering of the manifest description, the attributes and the catalog, whose paraphrases reach outputs.
/// </summary>
internal static class IdentityHasher
{
    public static VersionIdentity Identify(RuleSetManifest manifest, CompiledRuleSet compiled, IEnumerable<AttributeDefinition> attributes, SourceCatalog catalog)
    {
        var text = new StringBuilder();
        text.Append("engine ").Append(compiled.ModelHash).Append('\n');
        text.Append("description ").Append(Quote(manifest.Description)).Append('\n');
        foreach (var attribute in attributes.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            text.Append("attribute ").Append(attribute.Name).Append(' ').Append(TypeNames.Name(attribute.Type))
                .Append(" [").Append(string.Join(",", attribute.AllowedValues)).Append("] ")
                .Append(Quote(attribute.Unit)).Append(' ').Append(Quote(attribute.Description)).Append('\n');
        }

        foreach (var document in catalog.Documents)
        {
            text.Append("document ").Append(document.Id).Append(' ').Append(Quote(document.Title)).Append(' ').Append(document.Kind)
                .Append(' ').Append(Quote(document.Quality)).Append(" [")
                .Append(string.Join(",", document.Sections.Select(s => Quote(s.Heading)))).Append("]\n");
        }

        foreach (var claim in catalog.Claims)
        {
            text.Append("claim ").Append(claim.Id).Append(' ').Append(claim.DocumentId).Append(' ').Append(claim.Topic)
                .Append(' ').Append(Quote(claim.Says)).Append(' ').Append(Quote(claim.Marker)).Append(' ').Append(Quote(claim.Section))
                .Append(' ').Append(Quote(claim.Anchor)).Append(' ').Append(Quote(claim.NotEncoded)).Append('\n');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return new VersionIdentity(manifest.Name, manifest.Version, Convert.ToHexStringLower(digest));
    }

    // A null and an empty value must hash differently, as must text containing quotes or line breaks.
    private static string Quote(string? text) => text is null
        ? "null"
        : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
