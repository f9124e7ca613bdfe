using System.Security.Cryptography;
using System.Text;

namespace KetCds.Server.Internal.RuleSets;

/// <summary>
/// A SHA-256 over every visible file's relative path and content: the poll's view of "did anything change",
/// independent of the file watcher, which can miss events or run out of inotify watches.
/// </summary>
internal static class DirectoryFingerprint
{
    /// <summary>The fingerprint, "missing" when the directory does not exist, or null when a file could not be read.</summary>
    public static string? Compute(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return "missing";
        }

        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
            var files = Directory.EnumerateFiles(directory, "*", options)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(static r => !r.Split('/').Any(static segment => segment.StartsWith('.')))
                .Order(StringComparer.Ordinal)
                .ToList();

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var relative in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(relative));
                hash.AppendData([0]);
                var content = File.ReadAllBytes(Path.Combine(directory, relative));
                hash.AppendData(BitConverter.GetBytes((long)content.Length));
                hash.AppendData(content);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file being replaced right now; the next poll will see the settled content.
            return null;
        }
    }
}
