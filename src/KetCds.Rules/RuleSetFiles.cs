using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using KetCds.Rules.Internal;

namespace KetCds.Rules;

/// <summary>
/// A rule-set directory read once into memory. A load validates exactly these bytes, and comparing
/// <see cref="Fingerprint"/> with a later read tells whether the directory changed meanwhile (files still being written).
/// </summary>
public sealed class RuleSetFiles
{
    private readonly FrozenDictionary<string, RuleSetFile> _byPath;

    private RuleSetFiles(string directory, ImmutableArray<RuleSetFile> files, string? directoryProblem)
    {
        Directory = directory;
        Files = files;
        DirectoryProblem = directoryProblem;
        _byPath = files.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);
        Fingerprint = ComputeFingerprint(files, directoryProblem);
    }

    /// <summary>The directory as the caller named it.</summary>
    public string Directory { get; }

    /// <summary>Every visible file, sorted ordinally by relative path; hidden files and folders (".git") are left out.</summary>
    public ImmutableArray<RuleSetFile> Files { get; }

    /// <summary>Why the directory itself could not be listed, or null.</summary>
    public string? DirectoryProblem { get; }

    /// <summary>Lower-case hex SHA-256 over every file's path and what was read of it; equal fingerprints mean equal loads.</summary>
    public string Fingerprint { get; }

    /// <summary>Whether every file the loader reads was read whole; false while a file is being replaced or is unreadable.</summary>
    public bool IsComplete => DirectoryProblem is null && Files.All(f => f.Problem is null);

    /// <summary>
    /// The names (file-system glob patterns) of the files whose change can change a load: rule-set files and the
    /// '.yml' files the loader warns about. A watcher filtering on these misses no edit that matters.
    /// </summary>
    public static ImmutableArray<string> WatchedPatterns { get; } = Internal.RuleSetLayout.WatchedPatterns;

    /// <summary>Reads every '.yaml' file under <paramref name="directory"/> (and lists the others); never throws for I/O problems.</summary>
    public static RuleSetFiles Read(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        List<string> paths;
        try
        {
            if (!System.IO.Directory.Exists(directory))
            {
                return new RuleSetFiles(directory, [], "the rule-set directory does not exist");
            }

            paths = RuleSetLayout.Enumerate(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            return new RuleSetFiles(directory, [], $"the rule-set directory cannot be listed: {e.Message}");
        }

        var budget = RuleSetReadLimits.MaxTotalBytes;
        var files = ImmutableArray.CreateBuilder<RuleSetFile>(paths.Count);
        foreach (var path in paths)
        {
            var file = RuleSetLayout.IsRuleSetFile(path) ? ReadOne(directory, path, ref budget) : new RuleSetFile(path, ReadOnlyMemory<byte>.Empty, null);
            files.Add(file);
        }

        return new RuleSetFiles(directory, files.MoveToImmutable(), null);
    }

    /// <summary>The file at <paramref name="path"/> (relative, '/' separators), if the directory has it.</summary>
    public bool TryGet(string path, out RuleSetFile file) => _byPath.TryGetValue(path, out file!);

    private static RuleSetFile ReadOne(string directory, string path, ref long budget)
    {
        var full = Path.Combine(directory, path);
        try
        {
            if (LinkProblem(directory, full) is { } link)
            {
                return new RuleSetFile(path, ReadOnlyMemory<byte>.Empty, link);
            }

            using var stream = NonBlockingFile.OpenRead(full);
            if (!stream.CanSeek)
            {
                return new RuleSetFile(path, ReadOnlyMemory<byte>.Empty, "this is not a regular file (a pipe, socket or device) and is not read");
            }

            var limit = Math.Min(RuleSetReadLimits.MaxFileBytes, budget);
            var content = ReadAtMost(stream, limit + 1);
            if (content.Length > limit)
            {
                var reason = limit < RuleSetReadLimits.MaxFileBytes
                    ? $"the rule set is larger than {RuleSetReadLimits.MaxTotalBytes / (1024 * 1024)} MiB in all"
                    : $"the file is larger than {RuleSetReadLimits.MaxFileBytes / (1024 * 1024)} MiB";
                return new RuleSetFile(path, ReadOnlyMemory<byte>.Empty, reason);
            }

            budget -= content.Length;
            return new RuleSetFile(path, content, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            // Only the OS's reason: the path is already named by the error's location, and content is never quoted.
            return new RuleSetFile(path, ReadOnlyMemory<byte>.Empty, "the file cannot be read: " + e.GetType().Name switch
            {
                nameof(UnauthorizedAccessException) => "access is denied",
                nameof(FileNotFoundException) => "it was removed while being read",
                _ => "an I/O error occurred",
            });
        }
    }

    /// <summary>Why a linked file is not read: links may point at other files of the folder, never out of it.</summary>
    private static string? LinkProblem(string directory, string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null)
        {
            return (info.Attributes & FileAttributes.Directory) != 0 ? "this is a link to a folder; links to folders are not followed" : null;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (target is null || !target.FullName.StartsWith(root, StringComparison.Ordinal))
        {
            return "this is a link to a file outside the rule-set folder; links out of the folder are not followed";
        }

        return (target.Attributes & FileAttributes.Directory) != 0 ? "this is a link to a folder; links to folders are not followed" : null;
    }

    private static byte[] ReadAtMost(Stream stream, long count)
    {
        // A regular file's length is known, so it is read into one array of that size: a growing buffer and its final copy
        // were two large-object allocations per rule file over 85 KB, and those drove a 10,000-rule load into gen2 collections.
        var expected = (int)Math.Clamp(stream.Length - stream.Position, 0, count);
        var content = new byte[expected];
        var filled = stream.ReadAtLeast(content, expected, throwOnEndOfStream: false);
        if (filled < expected)
        {
            return content.AsSpan(0, filled).ToArray();
        }

        var chunk = new byte[81920];
        var more = filled < count ? stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - filled)) : 0;
        if (more == 0)
        {
            return content;
        }

        // The file grew while it was read: keep reading up to the limit, as for a stream of unknown length.
        using var buffer = new MemoryStream();
        buffer.Write(content, 0, filled);
        buffer.Write(chunk, 0, more);
        while (buffer.Length < count)
        {
            var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - buffer.Length));
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string ComputeFingerprint(ImmutableArray<RuleSetFile> files, string? directoryProblem)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (directoryProblem is not null)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("directory:" + directoryProblem));
        }

        Span<byte> length = stackalloc byte[sizeof(long)];
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Path));
            hash.AppendData([0, file.Problem is null ? (byte)0 : (byte)1]);
            var bytes = file.Problem is null ? file.Content.Span : Encoding.UTF8.GetBytes(file.Problem);
            BitConverter.TryWriteBytes(length, (long)bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
