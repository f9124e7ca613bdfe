using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace KetCds.Audit.Internal;

/// <summary>
/// Group commit: callers queue their record and wait; one writer takes everything queued (up to MaxBatch), commits it in one
/// durable transaction and only then completes each caller. Many concurrent calls thus share one disk sync instead of one each,
/// and no caller is answered before its own record is on disk. Urgent records (an answer waits for them) have their own queue,
/// taken first: a flood of records nobody waits on (calls abandoned by their clients) does not delay the answers of others.
/// </summary>
internal sealed class GroupCommitAuditTrail : IAuditTrail
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly Channel<PendingAppend> _urgent;
    private readonly Task _writer;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public GroupCommitAuditTrail(IAuditStore store, AuditOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        // Bounded so a stalled store pushes back on callers instead of growing memory without limit.
        _queue = Channel.CreateBounded<PendingAppend>(Bounded(options));
        _urgent = Channel.CreateBounded<PendingAppend>(Bounded(options));
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var pending = Prepare(entry);
        // RunContinuationsAsynchronously: callers' continuations must not run on (and stall) the writer loop.
        var completion = new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await (entry.Urgent ? _urgent : _queue).Writer.WriteAsync(new PendingAppend(pending, completion), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new AuditUnavailableException("the audit trail is shutting down", e);
        }

        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public IAsyncEnumerable<AuditRecord> ReadAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        Unavailable(_store.ReadAsync(from, to, cancellationToken), cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        ChainVerifier.VerifyAsync(Unavailable(_store.ReadAsync(null, null, cancellationToken), cancellationToken), cancellationToken);

    public async Task<int> PrunePayloadsAsync(CancellationToken cancellationToken = default)
    {
        var cut = _time.GetUtcNow() - _options.EffectivePayloadRetention;
        try
        {
            var count = await _store.PrunePayloadsAsync(cut, cancellationToken).ConfigureAwait(false);
            AuditLog.PayloadsPruned(_logger, count, cut);
            return count;
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw new AuditUnavailableException("cannot prune the audit trail's payloads: " + e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Complete the queue, let the writer commit what is already queued (flush), then close the store.
        _queue.Writer.TryComplete();
        _urgent.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static BoundedChannelOptions Bounded(AuditOptions options) => new(Math.Max(1024, options.MaxBatch * 4))
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    };

    private static bool IsStoreFailure(Exception e) => e is not OperationCanceledException and not OutOfMemoryException;

    private static string Text(string? text, string field)
    {
        AuditChain.CheckText(text, field);
        return text!;
    }

    // With payloads stored, the stored bytes are what the hash must match, so they are hashed whatever the caller says.
    private ImmutableArray<byte> Digest(ImmutableArray<byte> given, ReadOnlyMemory<byte> bytes, string field)
    {
        if (given.IsDefault || _options.StorePayloads)
        {
            return AuditChain.Sha256(bytes.Span);
        }

        return given.Length == 32 ? given : throw new ArgumentException($"{field} must be a 32-byte SHA-256, got {given.Length} bytes", field);
    }

    private AuditRecord Prepare(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var decision = entry.Decision.IsDefault ? [] : entry.Decision;
        for (var i = 0; i < decision.Length; i++)
        {
            AuditChain.CheckText(decision[i], $"{nameof(AuditEntry.Decision)}[{i}]");
        }

        // Truncated to the microsecond both stores keep, so the hash computed now matches the stored time.
        var time = AuditChain.FromMicroseconds(AuditChain.ToMicroseconds(_time.GetUtcNow()));
        // Sequence and hashes are placeholders until the store seals the record after the chain's tail.
        return new AuditRecord(
            0,
            time,
            Text(entry.Subject, nameof(AuditEntry.Subject)),
            Text(entry.ClientAddress, nameof(AuditEntry.ClientAddress)),
            Text(entry.Method, nameof(AuditEntry.Method)),
            Text(entry.RequestId, nameof(AuditEntry.RequestId)),
            Text(entry.RuleSet, nameof(AuditEntry.RuleSet)),
            Text(entry.Status, nameof(AuditEntry.Status)),
            decision,
            Digest(entry.RequestSha256, entry.Request, nameof(AuditEntry.RequestSha256)),
            Digest(entry.ResponseSha256, entry.Response, nameof(AuditEntry.ResponseSha256)),
            _options.StorePayloads ? ImmutableArray.Create(entry.Request.Span) : null,
            _options.StorePayloads ? ImmutableArray.Create(entry.Response.Span) : null,
            [],
            []);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatch);
        while (await WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatch && (_urgent.Reader.TryRead(out var next) || _queue.Reader.TryRead(out next)))
            {
                batch.Add(next);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
            await PruneIfDueAsync().ConfigureAwait(false);
        }
    }

    // True while either queue may still yield a record; false once both are completed and drained.
    private async ValueTask<bool> WaitToReadAsync()
    {
        while (true)
        {
            if (_urgent.Reader.TryPeek(out _) || _queue.Reader.TryPeek(out _))
            {
                return true;
            }

            var urgent = _urgent.Reader.WaitToReadAsync().AsTask();
            var routine = _queue.Reader.WaitToReadAsync().AsTask();
            var first = await Task.WhenAny(urgent, routine).ConfigureAwait(false);
            if (!first.Result)
            {
                // That queue is completed (shutting down): whatever is left comes from the other.
                return await (first == urgent ? routine : urgent).ConfigureAwait(false)
                    || _urgent.Reader.TryPeek(out _) || _queue.Reader.TryPeek(out _);
            }
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            var records = await _store.AppendAsync(batch.ConvertAll(p => p.Record), CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(records[i]);
            }
        }
#pragma warning disable CA1031 // Any store failure must fail exactly these callers (fail closed) and leave the writer running for the next group.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AuditLog.AppendFailed(_logger, batch.Count, e);
            var failure = new AuditUnavailableException("the audit record could not be written: " + e.Message, e);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(failure);
            }
        }
    }

    private async Task PruneIfDueAsync()
    {
        var now = _time.GetUtcNow();
        if (!_options.StorePayloads || now - _lastPrune < PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        try
        {
            await PrunePayloadsAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (AuditUnavailableException e)
        {
            AuditLog.PruneFailed(_logger, e);
        }
    }

    private static async IAsyncEnumerable<AuditRecord> Unavailable(IAsyncEnumerable<AuditRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = records.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (e is not FormatException && IsStoreFailure(e))
                {
                    throw new AuditUnavailableException("cannot read the audit trail: " + e.Message, e);
                }

                yield return enumerator.Current;
            }
        }
    }
}
