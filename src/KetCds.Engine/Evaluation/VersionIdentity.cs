namespace KetCds.Engine;

/// <summary>Identifies one version of a rule set: the declared version plus a SHA-256 over its normalized content.</summary>
/// <param name="Name">The rule set's name.</param>
/// <param name="Version">The version its authors declared.</param>
/// <param name="ContentSha256">Lower-case hex SHA-256 of the canonical rendering of the model, independent of file layout and rule order.</param>
public sealed record VersionIdentity(string Name, string Version, string ContentSha256)
{
    /// <summary>Renders the identity as <c>name@version+sha256prefix</c>.</summary>
    public override string ToString() => $"{Name}@{Version}+{ContentSha256[..12]}";
}
