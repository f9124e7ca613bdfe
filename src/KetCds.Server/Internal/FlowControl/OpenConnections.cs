using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>
/// The server's open connections by id, so that a connection whose client has stopped reading can be closed as a whole
/// (resetting only the stalled stream leaves the client free to open another, and another, each costing an evaluation),
/// and so that a connection is known to read once one of its answers has left.
/// </summary>
internal sealed class OpenConnections
{
    private readonly ConcurrentDictionary<string, OpenConnection> _open = new(StringComparer.Ordinal);

    /// <summary>Connection middleware (first on each listener) that keeps a connection listed while it is open.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        var open = new OpenConnection(connection);
        _open[connection.ConnectionId] = open;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            _open.TryRemove(connection.ConnectionId, out _);
            open.Closed();
        }
    };

    /// <summary>Closes the connection at once, with every stream on it (once, however often asked).</summary>
    public ConnectionClose Close(string connectionId, string reason)
    {
        if (!_open.TryGetValue(connectionId, out var open))
        {
            return ConnectionClose.NotListed;
        }

        return open.TryClose(reason) ? ConnectionClose.Closed : ConnectionClose.AlreadyClosing;
    }

    /// <summary>Notes that an answer on the connection has reached its client: the client reads.</summary>
    public void AnswerLeft(string connectionId)
    {
        if (_open.TryGetValue(connectionId, out var open))
        {
            open.AnswerLeft();
        }
    }

    /// <summary>Completes once an answer on the connection has reached its client; cancelled if the connection closes first.</summary>
    public Task FirstAnswerLeft(string connectionId) =>
        _open.TryGetValue(connectionId, out var open) ? open.FirstAnswerLeft : Task.CompletedTask;
}
