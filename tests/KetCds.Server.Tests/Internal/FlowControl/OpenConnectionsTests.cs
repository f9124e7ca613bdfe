using KetCds.Server.Internal.FlowControl;
using Microsoft.AspNetCore.Connections;

namespace KetCds.Server.Tests.Internal.FlowControl;

public sealed class OpenConnectionsTests
{
    [Fact]
    public async Task Close_OpenConnectionAskedTwice_ClosesItOnceThenSaysAlreadyClosing()
    {
        var connections = new OpenConnections();
        var connection = new DefaultConnectionContext("conn-1");
        var release = new TaskCompletionSource();
        var tracked = connections.Track(_ => release.Task)(connection);

        var first = connections.Close("conn-1", "stalled");
        var second = connections.Close("conn-1", "stalled");
        release.SetResult();
        await tracked;

        Assert.Equal(ConnectionClose.Closed, first);
        Assert.Equal(ConnectionClose.AlreadyClosing, second);
        Assert.Equal(ConnectionClose.NotListed, connections.Close("conn-1", "stalled"));
    }

    [Fact]
    public void Close_UnlistedConnection_SaysNotListed()
    {
        Assert.Equal(ConnectionClose.NotListed, new OpenConnections().Close("no-such-connection", "stalled"));
    }
}
