namespace KetCds.Tests.Shared;

/// <summary>Bounded polling for conditions reached asynchronously (reloads); the caller asserts on the outcome.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }
}
