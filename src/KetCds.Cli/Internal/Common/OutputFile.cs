using System.Text;

namespace KetCds.Cli.Internal.Common;

/// <summary>Writes report files as UTF-8 without a byte-order mark, turning I/O failures into one-line errors.</summary>
internal static class OutputFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(CliContext context, string path, string content)
    {
        var full = context.Resolve(path);
        try
        {
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(full, content, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{path}': {e.Message}", e);
        }
    }
}
