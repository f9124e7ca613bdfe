using System.Collections.Immutable;
using System.Globalization;
using KetCds.Audit;

namespace KetCds.Cli.Internal.Audit;

/// <summary>How record fields are written as text in every export format.</summary>
internal static class AuditFields
{
    public static string Time(AuditRecord record) => record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Hex(ImmutableArray<byte> bytes) => Convert.ToHexStringLower(bytes.AsSpan());

    public static string? Base64(ImmutableArray<byte>? bytes) => bytes is { } value ? Convert.ToBase64String(value.AsSpan()) : null;
}
