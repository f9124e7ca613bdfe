using KetCds.Cli.Internal.Common;
using KetCds.Clinical;

namespace KetCds.Cli.Internal.Replay;

/// <summary>Replays in this process through the same evaluator the server uses, on <c>parallelism</c> workers.</summary>
internal sealed class InProcessBackend(ClinicalEvaluator evaluator, int parallelism) : IReplayBackend
{
    public Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken) =>
        Task.Run(() => InProcessReplay.Run(evaluator, cases, parallelism, caseDone, cancellationToken), cancellationToken);
}
