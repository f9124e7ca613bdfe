using System.CommandLine;
using KetCds.Audit;

namespace KetCds.Cli.Internal.Audit;

/// <summary><c>ketcds audit verify</c>: walks the hash chain and reports the first broken link.</summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var store = AuditStoreOption.Create();
        var command = new Command(
            "verify",
            "Check every link of the audit trail's hash chain. Prints the record count and the head (sequence and hash: keep it " +
            "elsewhere, a later run must reach it) or the first broken link. Exit codes: 0 intact, 1 broken, 2 usage or I/O error.")
        {
            store,
        };
        command.SetAction((parse, token) => RunAsync(context, parse.GetValue(store)!, token));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string store, CancellationToken cancellationToken)
    {
        var trail = AuditStoreOption.Open(context, store);
        await using (trail.ConfigureAwait(false))
        {
            AuditVerification result;
            try
            {
                result = await trail.VerifyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AuditUnavailableException e)
            {
                throw AuditStoreOption.Unavailable(e);
            }

            if (result.FirstBreak is { } broken)
            {
                await context.Out.WriteLineAsync(
                    $"audit trail BROKEN at record {broken.Sequence}: {broken.Reason}\n" +
                    $"last intact record: {result.HeadSequence} {result.HeadHash}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await context.Out.WriteLineAsync($"audit trail intact: {result.RecordCount} records, head {result.HeadSequence} {result.HeadHash}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }
    }
}
