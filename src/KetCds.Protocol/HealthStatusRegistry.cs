using System.Collections.Concurrent;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Protocol;

/// <summary>Serving status per service name ("" = the whole server) behind grpc.health.v1.Health; a DI singleton.</summary>
public sealed class HealthStatusRegistry
{
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a registry whose overall status ("") is SERVING.</summary>
    public HealthStatusRegistry()
    {
        _statuses[string.Empty] = ServingStatus.Serving;
    }

    /// <summary>Sets the status of <paramref name="service"/> ("" = overall) and notifies its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status == ServingStatus.ServiceUnknown || !System.Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(
                nameof(status), $"Status {status} cannot be set; use ClearStatus to make a service unknown.");
        }

        lock (_gate)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND and watchers see SERVICE_UNKNOWN.</summary>
    public bool ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (!_statuses.TryRemove(service, out _))
            {
                return false;
            }

            Notify(service, ServingStatus.ServiceUnknown);
            return true;
        }
    }

    /// <summary>The status of <paramref name="service"/>, if it is known.</summary>
    public bool TryGetStatus(string service, out ServingStatus status) => _statuses.TryGetValue(service, out status);

    /// <summary>A snapshot of every known service and its status, ordered by service name.</summary>
    public IReadOnlyList<KeyValuePair<string, ServingStatus>> GetAll()
    {
        var all = new List<KeyValuePair<string, ServingStatus>>(_statuses);
        all.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return all;
    }

    /// <summary>Calls <paramref name="onChange"/> with every later status of <paramref name="service"/> until disposed.</summary>
    internal IDisposable Subscribe(string service, Action<ServingStatus> onChange)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(service, out var list))
            {
                list = [];
                _watchers[service] = list;
            }

            list.Add(onChange);
        }

        return new Subscription(this, service, onChange);
    }

    private void Unsubscribe(string service, Action<ServingStatus> onChange)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(service, out var list) && list.Remove(onChange) && list.Count == 0)
            {
                _watchers.Remove(service);
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher(status);
            }
        }
    }

    private sealed class Subscription(HealthStatusRegistry owner, string service, Action<ServingStatus> onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(service, onChange);
    }
}
