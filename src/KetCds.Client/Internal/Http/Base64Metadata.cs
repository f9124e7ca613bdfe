namespace KetCds.Client.Internal.Http;

/// <summary>Base64 of <c>-bin</c> metadata: emitted without padding, accepted with or without it.</summary>
internal static class Base64Metadata
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    public static byte[]? TryDecode(string value)
    {
        var core = value.Trim().TrimEnd('=');
        var padding = (4 - (core.Length % 4)) % 4;
        if (padding == 3)
        {
            return null;
        }

        var padded = core + new string('=', padding);
        var buffer = new byte[(padded.Length / 4) * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
