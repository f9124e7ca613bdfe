using System.Buffers;
using System.Text.Unicode;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Turns a request that protobuf cannot parse into INVALID_ARGUMENT with a <c>BadRequest</c> naming the field: a string
/// that is not UTF-8 (which proto3 forbids) by its path, anything else as the message itself. The bytes are walked again
/// only on this failure path; no value from them reaches the status or a log.
/// </summary>
internal static class MalformedRequest
{
    /// <summary>A marshaller like <paramref name="marshaller"/> whose parse failures become INVALID_ARGUMENT.</summary>
    public static Marshaller<T> Wrap<T>(Marshaller<T> marshaller)
        where T : class
    {
        var descriptor = typeof(T).GetProperty("Descriptor")?.GetValue(null) as MessageDescriptor;
        return new Marshaller<T>(marshaller.ContextualSerializer, context =>
        {
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException && descriptor is not null)
            {
                throw Rejected(descriptor!, context.PayloadAsReadOnlySequence().ToArray());
            }
        });
    }

    /// <summary>The status for <paramref name="payload"/>, which failed to parse as <paramref name="descriptor"/>.</summary>
    public static RpcException Rejected(MessageDescriptor descriptor, byte[] payload)
    {
        var field = FindInvalidString(descriptor, payload, path: string.Empty);
        var violation = field is null
            ? new FieldViolation { Field = string.Empty, Description = $"not a valid {descriptor.FullName} message" }
            : new FieldViolation { Field = field, Description = "not valid UTF-8 (protobuf strings must be)" };
        return InvalidArgumentStatus.Create([violation], field is null ? $"the request is not a valid {descriptor.FullName} message" : null);
    }

    /// <summary>The path of the first string field holding invalid UTF-8, or null when there is none (or the bytes end early).</summary>
    private static string? FindInvalidString(MessageDescriptor descriptor, byte[] payload, string path)
    {
        var counts = new Dictionary<int, int>();
        var input = new CodedInputStream(payload);
        try
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var field = descriptor.FindFieldByNumber(number);
                if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
                {
                    input.SkipLastField();
                    continue;
                }

                var bytes = input.ReadBytes().ToByteArray();
                var name = FieldPath(path, field, counts);
                if (field.FieldType == FieldType.String && !Utf8.IsValid(bytes))
                {
                    return name;
                }

                if (field.FieldType == FieldType.Message && FindInvalidString(field.MessageType, bytes, name) is { } inner)
                {
                    return inner;
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Truncated or malformed past this point: nothing more can be attributed to a field.
        }

        return null;
    }

    private static string FieldPath(string path, FieldDescriptor field, Dictionary<int, int> counts)
    {
        var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
        if (!field.IsRepeated || field.IsMap)
        {
            return name;
        }

        counts.TryGetValue(field.FieldNumber, out var index);
        counts[field.FieldNumber] = index + 1;
        return $"{name}[{index}]";
    }
}
