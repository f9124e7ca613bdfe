using Microsoft.AspNetCore.Connections;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>One open connection, and whether any answer on it has reached its client yet.</summary>
internal sealed class OpenConnection(ConnectionContext connection)
{
    private readonly TaskCompletionSource _firstAnswerLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;

    /// <summary>The transport connection, to close it.</summary>
    public ConnectionContext Connection => connection;

    /// <summary>Completes once an answer on this connection has reached its client; cancelled if it closes first.</summary>
    public Task FirstAnswerLeft => _firstAnswerLeft.Task;

    /// <summary>Notes that an answer has reached the client.</summary>
    public void AnswerLeft() => _firstAnswerLeft.TrySetResult();

    /// <summary>
    /// Aborts the connection unless that was already asked for; true only for the first caller, so a connection with
    /// several unsent answers, or seen by two overlapping sweeps, is closed and logged once.
    /// </summary>
    public bool TryClose(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return false;
        }

        connection.Abort(new ConnectionAbortedException(reason));
        return true;
    }

    /// <summary>Notes that the connection has closed: nothing waiting on it will be answered.</summary>
    public void Closed() => _firstAnswerLeft.TrySetCanceled();
}
