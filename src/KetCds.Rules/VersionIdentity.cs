namespace KetCds.Rules;

/// <summary>
/// The published identity of one version of a rule set: its declared name and version plus a SHA-256 over everything
/// that gives it meaning (the engine's model hash, the outcome attributes and the source catalog).
/// </summary>
/// <param name="Name">The rule set's name.</param>
/// <param name="Version">The version its authors declared.</param>
/// <param name="ContentSha256">Lower-case hex SHA-256 of the rule set's canonical content.</param>
public sealed record VersionIdentity(string Name, string Version, string ContentSha256)
{
    /// <summary>How many hex digits of the hash a label shows.</summary>
    public const int LabelHashLength = 12;

    /// <summary>The one rendering of a rule-set identity, <c>name@version+hash12</c>, for any carrier of the three parts.</summary>
    public static string Label(string name, string version, string contentSha256)
    {
        ArgumentNullException.ThrowIfNull(contentSha256);
        return $"{name}@{version}+{(contentSha256.Length > LabelHashLength ? contentSha256[..LabelHashLength] : contentSha256)}";
    }

    /// <summary>Renders the identity as <c>name@version+hash12</c>.</summary>
    public override string ToString() => Label(Name, Version, ContentSha256);
}
