namespace KetCds.Server.Tests.Infrastructure;

/// <summary>
/// An <c>AfterLoad</c> hook that holds the first reload after it has read and compiled the files, so a test can change
/// them underneath it before letting it go on; later reloads pass straight through.
/// </summary>
internal sealed class HeldFirstReload
{
    private readonly TaskCompletionSource _loading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loads;

    /// <summary>How many reloads have reached the hook.</summary>
    public int Loads => Volatile.Read(ref _loads);

    public async Task AfterLoad(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _loads) == 1)
        {
            _loading.SetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits until the first reload is held.</summary>
    public Task HeldAsync() => _loading.Task.WaitAsync(Eventually.DefaultTimeout);

    public void Release() => _release.SetResult();
}
