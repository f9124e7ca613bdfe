using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;

namespace KetCds.Server.Internal.Auditing;

/// <summary>
/// The streams of one audited batch call. Each item read is paired with the next answer written (the service answers items
/// one by one, in order); writing an answer starts its audit append and queues the answer, and a pump sends queued answers
/// in order, each only after its own record is durable. Appends of consecutive items overlap, so they share group commits
/// instead of costing one disk sync per item, while no answer ever leaves before its record.
/// </summary>
internal sealed class AuditedBatch<TRequest, TResponse> : IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>
    where TRequest : class
    where TResponse : class
{
    private const int MaxPending = 256;

    private readonly IAsyncStreamReader<TRequest> _requests;
    private readonly IServerStreamWriter<TResponse> _responses;
    private readonly Func<TRequest?, TResponse, Task<bool>> _record;
    private readonly ConcurrentQueue<TRequest> _unanswered = new();
    private readonly Channel<(Task<bool> Recorded, TResponse Response, CancellationToken CancellationToken)> _pending =
        Channel.CreateBounded<(Task<bool>, TResponse, CancellationToken)>(new BoundedChannelOptions(MaxPending) { SingleReader = true, SingleWriter = true });

    private readonly Task _pump;

    public AuditedBatch(IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, Func<TRequest?, TResponse, Task<bool>> record)
    {
        _requests = requests;
        _responses = responses;
        _record = record;
        _pump = Task.Run(PumpAsync);
    }

    public TRequest Current => _requests.Current;

    public WriteOptions? WriteOptions
    {
        get => _responses.WriteOptions;
        set => _responses.WriteOptions = value;
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var moved = await _requests.MoveNext(cancellationToken).ConfigureAwait(false);
        if (moved)
        {
            _unanswered.Enqueue(_requests.Current);
        }

        return moved;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        if (_pump.IsFaulted)
        {
            // The stream is already failing; surface why to the handler.
            await _pump.ConfigureAwait(false);
        }

        _unanswered.TryDequeue(out var request);
        var recorded = _record(request, message);
        try
        {
            await _pending.Writer.WriteAsync((recorded, message, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _pump.ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends what is queued and waits for it; throws UNAVAILABLE when an answer's record could not be written.</summary>
    public Task CompleteAsync()
    {
        _pending.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var (recorded, response, cancellationToken) in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (!await recorded.ConfigureAwait(false))
                {
                    throw CallAuditor.Unavailable();
                }

                await _responses.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Stop the handler's further writes; what it queued is not sent.
            _pending.Writer.TryComplete();
            throw;
        }
    }
}
