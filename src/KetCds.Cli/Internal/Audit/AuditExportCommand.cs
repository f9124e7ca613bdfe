using System.CommandLine;
using System.Globalization;
using System.Text;
using KetCds.Audit;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Audit;

/// <summary><c>ketcds audit export --from --to --format jsonl|csv</c>: writes records of a time range in sequence order.</summary>
internal static class AuditExportCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var store = AuditStoreOption.Create();
        var from = new Option<string?>("--from")
        {
            Description = "First time included, ISO 8601 (e.g. 2025-03-04T00:00:00Z; UTC when no offset is given). Default: the first record.",
            HelpName = "TIME",
        };
        var to = new Option<string?>("--to")
        {
            Description = "First time excluded, ISO 8601. Default: after the last record.",
            HelpName = "TIME",
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl (one JSON object per line) or csv (RFC 4180 with a header row).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file instead of standard output.",
            HelpName = "FILE",
        };
        var command = new Command(
            "export",
            "Write the audit records whose time lies in [--from, --to) in sequence order, with their hashes so the export can be " +
            "matched against the chain. Export does not verify: run 'ketcds audit verify' for that. Exit codes: 0 written, 2 usage or I/O error.")
        {
            store, from, to, format, output,
        };
        command.SetAction((parse, token) => RunAsync(
            context,
            parse.GetValue(store)!,
            Time(parse.GetValue(from), "--from"),
            Time(parse.GetValue(to), "--to"),
            parse.GetValue(format)!,
            parse.GetValue(output),
            token));
        return command;
    }

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CliException($"{option}: expected an ISO 8601 time such as 2025-03-04T05:06:07Z, got '{text}'");
    }

    private static async Task<int> RunAsync(
        CliContext context, string store, DateTimeOffset? from, DateTimeOffset? to, string format, string? output, CancellationToken cancellationToken)
    {
        if (from is { } start && to is { } end && end < start)
        {
            throw new CliException($"--to ({end:O}) is before --from ({start:O})");
        }

        var trail = AuditStoreOption.Open(context, store);
        await using (trail.ConfigureAwait(false))
        {
            var target = output is null ? null : context.Resolve(output);
            var writer = target is null ? context.Out : OpenFile(target, output!);
            try
            {
                var records = trail.ReadAsync(from, to, cancellationToken);
                var count = format == "csv"
                    ? await AuditCsv.WriteAsync(writer, records).ConfigureAwait(false)
                    : await AuditJsonLines.WriteAsync(writer, records).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (target is not null)
                {
                    await context.Error.WriteLineAsync($"{count} records written to {output}").ConfigureAwait(false);
                }
            }
            catch (AuditUnavailableException e)
            {
                throw AuditStoreOption.Unavailable(e);
            }
            catch (IOException e) when (target is not null)
            {
                throw new CliException($"cannot write '{output}': {e.Message}", e);
            }
            finally
            {
                if (target is not null)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return ExitCodes.Ok;
    }

    private static StreamWriter OpenFile(string path, string shown)
    {
        try
        {
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            return new StreamWriter(path, append: false, Utf8) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{shown}': {e.Message}", e);
        }
    }
}
