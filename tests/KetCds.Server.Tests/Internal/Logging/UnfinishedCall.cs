using System.Net.Sockets;
using System.Text;

namespace KetCds.Server.Tests.Internal.Logging;

/// <summary>A raw HTTP/2 client that starts a gRPC call, sends part of its message and closes the connection.</summary>
internal static class UnfinishedCall
{
    private const byte Data = 0x0, Headers = 0x1, Settings = 0x4, EndHeaders = 0x4;

    /// <summary>Sends the start of a call to <paramref name="path"/>, waits (for <paramref name="untilReading"/> when
    /// given, else 300 ms) and drops the connection.</summary>
    public static async Task SendThenDropAsync(Uri server, string path, Func<Task>? untilReading = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port);
        var output = new MemoryStream();
        output.Write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8);
        WriteFrame(output, Settings, 0, 0, []);
        WriteFrame(output, Headers, EndHeaders, 1, HeaderBlock(
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", server.Authority),
            ("content-type", "application/grpc"), ("te", "trailers")));
        // A message that announces 100 bytes and carries 3 of them.
        WriteFrame(output, Data, 0, 1, [0, 0, 0, 0, 100, 10, 1, 120]);
        await socket.SendAsync(output.ToArray());

        // Let the server start reading the message, then vanish: no RST_STREAM, no GOAWAY.
        await (untilReading?.Invoke() ?? Task.Delay(300));
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static void WriteFrame(MemoryStream output, byte type, byte flags, int stream, byte[] payload)
    {
        output.Write([(byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, type, flags]);
        output.Write([(byte)(stream >> 24), (byte)(stream >> 16), (byte)(stream >> 8), (byte)stream]);
        output.Write(payload);
    }

    // HPACK "literal header field without indexing, new name", plain (non-Huffman) strings shorter than 127 bytes.
    private static byte[] HeaderBlock(params (string Name, string Value)[] fields)
    {
        var block = new MemoryStream();
        foreach (var (name, value) in fields)
        {
            block.WriteByte(0);
            WriteString(block, name);
            WriteString(block, value);
        }

        return block.ToArray();
    }

    private static void WriteString(MemoryStream block, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        block.WriteByte((byte)bytes.Length);
        block.Write(bytes);
    }
}
