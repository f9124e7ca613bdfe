namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>What the Wait handler observed: when it started (with its deadline) and whether its token fired.</summary>
public sealed class CallProbe
{
    public TaskCompletionSource<DateTimeOffset> Started { get; private set; } = NewSource<DateTimeOffset>();

    public TaskCompletionSource<bool> Cancelled { get; private set; } = NewSource<bool>();

    public void Reset()
    {
        Started = NewSource<DateTimeOffset>();
        Cancelled = NewSource<bool>();
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
