using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Common;

/// <summary>A regression case read from a directory.</summary>
/// <param name="Path">The file's absolute path (for rewriting it).</param>
/// <param name="Display">The file as shown to the user: the cases directory as given joined with the relative path.</param>
/// <param name="Case">The case.</param>
internal sealed record LoadedCase(string Path, string Display, RegressionCase Case);
