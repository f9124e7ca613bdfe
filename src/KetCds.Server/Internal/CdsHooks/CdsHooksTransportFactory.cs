using System.Net;
using Microsoft.AspNetCore.Connections;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>
/// The socket transport of the CDS Hooks listener alone: Kestrel asks each registered transport, last registered first,
/// whether it binds an endpoint, and this one binds only the listener's own endpoint object (so even port 0, which the
/// gRPC listener may share, tells them apart). Every other listener keeps the default transport.
/// </summary>
internal sealed class CdsHooksTransportFactory(EndPoint endpoint, IConnectionListenerFactory inner) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private int _bound;

    /// <summary>How many times the hooks endpoint was bound through this transport (tests read it).</summary>
    public int Bound => Volatile.Read(ref _bound);

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _bound);
        return inner.BindAsync(endpoint, cancellationToken);
    }

    public bool CanBind(EndPoint candidate) => ReferenceEquals(candidate, endpoint);
}
