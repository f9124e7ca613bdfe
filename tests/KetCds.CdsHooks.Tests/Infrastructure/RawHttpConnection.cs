using System.Net.Sockets;
using System.Text;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>
/// An HTTP/1.1 connection driven byte by byte, for what HttpClient will not send: broken framing, a body that stops arriving, a
/// connection reset (RST) in the middle of a request.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket;

    private RawHttpConnection(Socket socket) => _socket = socket;

    public static async Task<RawHttpConnection> OpenAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        return new RawHttpConnection(socket);
    }

    /// <summary>Sends the request line and headers of a JSON POST, then <paramref name="body"/> as it is.</summary>
    public async Task SendAsync(string path, string headers, string body)
    {
        var text = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{headers}\r\n{body}";
        await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
    }

    /// <summary>Resets the connection (RST): what a client that crashes or gives up does to its half-sent request.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Everything the server sends until it closes or resets the connection, or until ten seconds have passed.</summary>
    public async Task<string> ReadToCloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            // The server kept the connection open: what arrived is the answer.
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server answered and then reset a connection it will not read from again: what arrived is the answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    public void Dispose() => _socket.Dispose();
}
