namespace KetCds.Server.Internal.FlowControl;

/// <summary>What asking <see cref="OpenConnections"/> to close a connection did.</summary>
internal enum ConnectionClose
{
    /// <summary>The connection is not this server's (another listener's) or has already gone.</summary>
    NotListed,

    /// <summary>This request closed it.</summary>
    Closed,

    /// <summary>An earlier request is already closing it (another unsent answer on it, or an overlapping sweep).</summary>
    AlreadyClosing,
}
