using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Protocol.Internal.Health;

/// <summary>grpc.health.v1.Health: Check, List and Watch over the <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService
{
    private const int MaxListedServices = 100;
    private readonly HealthStatusRegistry _registry;
    private readonly Task<HealthCheckResponse>[] _checkResults;

    public HealthService(HealthStatusRegistry registry)
    {
        _registry = registry;

        // One immutable-by-convention response per status keeps Check allocation-free on the hot path.
        _checkResults = new Task<HealthCheckResponse>[4];
        for (var i = 0; i < _checkResults.Length; i++)
        {
            _checkResults[i] = Task.FromResult(new HealthCheckResponse { Status = (ServingStatus)i });
        }
    }

    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<HealthCheckRequest, HealthCheckResponse>("Check", Check)
        .Unary<HealthListRequest, HealthListResponse>("List", List)
        .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync, capDeadline: false);

    private Task<HealthCheckResponse> Check(HealthCheckRequest request, GrpcCallContext context)
    {
        if (!_registry.TryGetStatus(request.Service, out var status))
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"Service '{request.Service}' is unknown to the health registry.");
        }

        return _checkResults[(int)status];
    }

    private Task<HealthListResponse> List(HealthListRequest request, GrpcCallContext context)
    {
        var all = _registry.GetAll();
        if (all.Count > MaxListedServices)
        {
            throw new GrpcException(
                GrpcStatusCode.ResourceExhausted, $"{all.Count} services are registered; List returns at most {MaxListedServices}.");
        }

        var response = new HealthListResponse();
        foreach (var (service, status) in all)
        {
            response.Statuses.Add(service, new HealthCheckResponse { Status = status });
        }

        return Task.FromResult(response);
    }

    private async Task WatchAsync(HealthCheckRequest request, IGrpcStreamWriter<HealthCheckResponse> writer, GrpcCallContext context)
    {
        // Capacity 1 with DropOldest: a slow watcher skips intermediate states but always ends on the latest one.
        var changes = Channel.CreateBounded<ServingStatus>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var subscription = _registry.Subscribe(request.Service, status => changes.Writer.TryWrite(status));

        var last = _registry.TryGetStatus(request.Service, out var current) ? current : ServingStatus.ServiceUnknown;
        await writer.WriteAsync(new HealthCheckResponse { Status = last }, context.CancellationToken).ConfigureAwait(false);
        while (await changes.Reader.WaitToReadAsync(context.CancellationToken).ConfigureAwait(false))
        {
            while (changes.Reader.TryRead(out var status))
            {
                if (status != last)
                {
                    last = status;
                    await writer.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
