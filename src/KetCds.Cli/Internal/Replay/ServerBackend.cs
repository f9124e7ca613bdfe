using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Replay;

/// <summary>
/// Replays against a running server. The .NET client (KetCds.Client's DecisionSupportClient with EvaluateBatchAsync) is not
/// part of this build yet, so this reports that clearly; it is the only class to replace when the client lands.
/// </summary>
internal sealed class ServerBackend(Uri server) : IReplayBackend
{
    public Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken) =>
        throw new CliException(
            $"--server is not available in this build: replaying against {server} needs the KetCds.Client DecisionSupportClient, " +
            "which is not merged yet; replay in-process with --rules DIR");
}
