using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Replay;

/// <summary>Where replayed cases are evaluated: in-process or on a running server.</summary>
internal interface IReplayBackend
{
    /// <summary>Evaluates every case and compares it with its expectation; <paramref name="caseDone"/> is called once per case, from any thread.</summary>
    Task<ReplayResult> ReplayAsync(IReadOnlyList<LoadedCase> cases, Action? caseDone, CancellationToken cancellationToken);
}
