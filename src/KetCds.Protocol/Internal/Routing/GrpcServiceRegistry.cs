using Google.Protobuf.Reflection;

namespace KetCds.Protocol.Internal.Routing;

/// <summary>Every service mapped in this application, in mapping order; feeds server reflection.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly List<ServiceDescriptor> _services = [];
    private readonly Lock _gate = new();

    /// <summary>Set once the health, reflection and fallback endpoints have been mapped.</summary>
    public bool BuiltInsMapped { get; set; }

    public void Add(ServiceDescriptor service)
    {
        lock (_gate)
        {
            foreach (var existing in _services)
            {
                if (existing.FullName == service.FullName)
                {
                    throw new InvalidOperationException($"gRPC service {service.FullName} is mapped more than once.");
                }
            }

            _services.Add(service);
        }
    }

    public IReadOnlyList<ServiceDescriptor> Snapshot()
    {
        lock (_gate)
        {
            return _services.ToArray();
        }
    }
}
