using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace KetCds.Audit.Internal;

/// <summary>The canonical encoding of a record and its hash; the README's "Canonical encoding" section is the specification.</summary>
internal static class AuditChain
{
    public const int HashLength = 32;

    // Strict UTF-8: a lone surrogate would otherwise be replaced on encoding and the stored text would no longer hash the same.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Domain = "KETCDS-AUDIT-1\n"u8.ToArray();

    /// <summary>Microseconds since the Unix epoch: the precision both stores keep exactly.</summary>
    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => new(DateTime.UnixEpoch.Ticks + (microseconds * 10), TimeSpan.Zero);

    /// <summary>Chains an unsealed record (sequence 0, no hashes yet) after <paramref name="tail"/>.</summary>
    public static AuditRecord Seal(AuditRecord unsealed, ChainTail tail)
    {
        var placed = unsealed with { Sequence = tail.Sequence + 1, PreviousHash = tail.Hash };
        return placed with { Hash = ComputeHash(placed) };
    }

    public static ImmutableArray<byte> ComputeHash(AuditRecord record) => ComputeHash(
        record.Sequence, record.Time, record.Subject, record.ClientAddress, record.Method, record.RequestId, record.RuleSet, record.Status,
        record.Decision, record.RequestSha256, record.ResponseSha256, record.PreviousHash);

    public static ImmutableArray<byte> Sha256(ReadOnlySpan<byte> bytes) => ImmutableArray.Create(SHA256.HashData(bytes));

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> when the text cannot be stored and hashed exactly.</summary>
    public static void CheckText(string? text, string field)
    {
        if (text is null)
        {
            throw new ArgumentException($"{field}: must not be null", field);
        }

        // PostgreSQL's text type cannot hold NUL; rejecting it everywhere keeps both stores accepting the same records.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field}: must not contain NUL characters", field);
        }

        try
        {
            _ = Utf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{field}: is not valid Unicode (unpaired surrogate)", field, e);
        }
    }

    private static ImmutableArray<byte> ComputeHash(
        long sequence,
        DateTimeOffset time,
        string subject,
        string clientAddress,
        string method,
        string requestId,
        string ruleSet,
        string status,
        ImmutableArray<string> decision,
        ImmutableArray<byte> requestSha256,
        ImmutableArray<byte> responseSha256,
        ImmutableArray<byte> previousHash)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Domain);
        WriteInt64(buffer, sequence);
        WriteInt64(buffer, ToMicroseconds(time));
        WriteString(buffer, subject);
        WriteString(buffer, clientAddress);
        WriteString(buffer, method);
        WriteString(buffer, requestId);
        WriteString(buffer, ruleSet);
        WriteString(buffer, status);
        WriteUInt32(buffer, (uint)decision.Length);
        foreach (var code in decision)
        {
            WriteString(buffer, code);
        }

        WriteHash(buffer, requestSha256);
        WriteHash(buffer, responseSha256);
        WriteHash(buffer, previousHash);
        return Sha256(buffer.WrittenSpan);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> buffer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Utf8.GetByteCount(text);
        WriteUInt32(buffer, (uint)length);
        Utf8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private static void WriteHash(ArrayBufferWriter<byte> buffer, ImmutableArray<byte> hash) => buffer.Write(hash.AsSpan());
}
