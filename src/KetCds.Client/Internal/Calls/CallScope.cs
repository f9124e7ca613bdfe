namespace KetCds.Client.Internal.Calls;

/// <summary>The deadline and cancellation of one logical call, spanning all its attempts or its whole stream.</summary>
internal sealed class CallScope : IDisposable
{
    // CancellationTokenSource timers cannot exceed ~49 days; a deadline further out than this is only sent, never armed.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(30);

    private readonly TimeProvider _time;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenSource? _ownedCaller;

    private CallScope(TimeProvider time, DateTimeOffset? deadline, CancellationToken callerToken, CancellationTokenSource? ownedCaller)
    {
        _time = time;
        _ownedCaller = ownedCaller;
        Deadline = deadline;
        _callerToken = callerToken;
        if (deadline is { } due)
        {
            var remaining = due - time.GetUtcNow();
            if (remaining <= LongestTimer)
            {
                _deadlineSource = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
            }
        }

        _linked = _deadlineSource is null
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken)
            : CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadlineSource.Token);
    }

    /// <summary>When the call expires, or null for no deadline.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Fires on caller cancellation, when the deadline passes, or when the call is abandoned.</summary>
    public CancellationToken Token => _linked.Token;

    public static CallScope Start(CallOptions callOptions, DecisionSupportClientOptions clientOptions, CancellationToken extraToken)
    {
        var time = clientOptions.TimeProvider;
        var now = time.GetUtcNow();
        DateTimeOffset? deadline = callOptions.Deadline;
        if (callOptions.Timeout is { } timeout)
        {
            var relative = now + timeout;
            deadline = deadline is { } absolute && absolute < relative ? absolute : relative;
        }

        if (deadline is null && clientOptions.DefaultDeadline is { } fallback)
        {
            deadline = now + fallback;
        }

        var callerToken = callOptions.CancellationToken;
        if (extraToken.CanBeCanceled && extraToken != callerToken)
        {
            // Both tokens cancel the call "by the caller"; fold them into one so the mapping below stays simple.
            var both = CancellationTokenSource.CreateLinkedTokenSource(callerToken, extraToken);
            return new CallScope(time, deadline, both.Token, both);
        }

        return new CallScope(time, deadline, callerToken, null);
    }

    /// <summary>Time left before the deadline, or null without a deadline; throws DEADLINE_EXCEEDED once it has passed.</summary>
    public TimeSpan? RemainingOrThrow()
    {
        if (Deadline is not { } due)
        {
            return null;
        }

        var remaining = due - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            throw DeadlineExceeded(null);
        }

        return remaining;
    }

    /// <summary>Abandons the call: in-flight reads and writes stop and the HTTP/2 stream is reset.</summary>
    public void Abandon()
    {
        try
        {
            _linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing is in flight any more.
        }
    }

    /// <summary>Turns a cancellation into CANCELLED (caller) or DEADLINE_EXCEEDED (deadline or HttpClient timeout).</summary>
    public DecisionSupportException MapCancellation(OperationCanceledException exception)
    {
        if (_callerToken.IsCancellationRequested)
        {
            return new DecisionSupportException(StatusCode.Cancelled, "The call was cancelled by the caller.", null, [], exception);
        }

        var deadlinePassed = _deadlineSource?.IsCancellationRequested == true
            || (Deadline is { } due && due <= _time.GetUtcNow());
        if (deadlinePassed || exception.InnerException is TimeoutException)
        {
            return DeadlineExceeded(exception);
        }

        return new DecisionSupportException(StatusCode.Cancelled, $"The call was cancelled: {exception.Message}", null, [], exception);
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadlineSource?.Dispose();
        _ownedCaller?.Dispose();
    }

    private DecisionSupportException DeadlineExceeded(Exception? inner)
    {
        var when = Deadline is { } due ? $" ({due:O})" : string.Empty;
        return new DecisionSupportException(StatusCode.DeadlineExceeded, $"The deadline{when} passed before the call completed.", null, [], inner);
    }
}
