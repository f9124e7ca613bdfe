using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using KetCds.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KetCds.Rules.Internal.Yaml;

/// <summary>Reads one rule-set file into a YAML node tree, reporting unreadable files and syntax errors with their position.</summary>
/// <remarks>
/// A well-formed file is built straight from the parser's events (<see cref="YamlTreeBuilder"/>); a file with anything
/// else (an error, a shape problem, anchors and aliases, a duplicate key, a second document) is parsed again through
/// YamlDotNet's own tree builder, so its diagnostics are exactly YamlDotNet's, and that tree is converted.
/// </remarks>
internal static class YamlFileParser
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The root node; null when the file is empty. <paramref name="ok"/> is false when an error was reported.</summary>
    public static YamlNode? Parse(RuleSetFile source, FileScope file, out bool ok)
    {
        ok = false;
        if (source.Problem is not null)
        {
            file.Error(file.Start, source.Problem);
            return null;
        }

        var content = source.Content;
        if (content.Span.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }

        if (!Utf8.IsValid(content.Span))
        {
            file.Error(file.Start, "the file is not valid UTF-8");
            return null;
        }

        if (YamlTreeBuilder.TryBuild(new YamlShapeGuard(new Parser(Text(content))), out var root))
        {
            ok = true;
            return root;
        }

        var stream = new YamlStream();
        var parser = new Parser(Text(content));
        var guard = new YamlShapeGuard(parser);
        try
        {
            stream.Load(guard);
        }
        catch (YamlException e) when (guard.Problem is null)
        {
            file.Error(At(file, e.Start), Describe(e));
            return null;
        }
        catch (Exception e) when (guard.Problem is null && e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet fails this way on some malformed input (an unclosed '[' for one); the last event read is the nearest position.
            file.Error(At(file, parser.Current?.End ?? Mark.Empty), "YAML syntax error: the file cannot be read past this point; look for an unclosed '[' or '{', or a stray ':'");
            return null;
        }
        catch (Exception e) when (guard.Problem is not null && e is YamlException or EndOfStreamException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The guard ended the stream early; the tree builder's complaint about that is not the problem.
        }

        if (guard.Problem is var (where, problem))
        {
            file.Error(At(file, where), problem);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            file.Error(At(file, stream.Documents[1].RootNode.Start), "a rule-set file holds one YAML document; remove the '---' separator and what follows or move it to its own file");
            return null;
        }

        ok = true;
        return stream.Documents.Count == 0 ? null : YamlTreeBuilder.Convert(stream.Documents[0].RootNode);
    }

    // Decoded as the parser reads rather than into one string: a rule file's text is a large-object allocation, and
    // twenty of them drove a 10,000-rule load into gen2 collections. The bytes were checked above, so decoding cannot fail.
    private static StreamReader Text(ReadOnlyMemory<byte> content)
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        return new StreamReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
    }

    private static SourceLocation At(FileScope file, Mark mark) =>
        new(file.RelativePath, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Describe(YamlException e)
    {
        const string duplicate = "Duplicate key ";
        if (e.Message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return $"key '{e.Message[duplicate.Length..]}' appears more than once in this mapping";
        }

        // YamlDotNet's messages are precise but terse; keep them, marked so authors know it is a syntax problem.
        return "YAML syntax error: " + e.Message.TrimEnd('.');
    }
}
