using System.Buffers;
using System.Collections;
using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KetCds.Clinical.Internal.Encoding;

/// <summary>
/// Encodes messages built in this process whose sub-messages are largely shared, immutable parts: each shared part's
/// encoding is made once and copied, and only the messages around them are encoded per call. Generated code would
/// re-measure every string of every part at every nesting level. The output is byte-identical to
/// <c>ToByteArray()</c> (fields in number order, proto3 defaults omitted), which the tests check on every regression case.
/// </summary>
internal sealed class SharedPartEncoder
{
    private readonly Dictionary<IMessage, byte[]> _shared;
    private readonly FrozenDictionary<MessageDescriptor, FieldDescriptor[]> _containers;

    /// <param name="shared">Instances that never change after this call; their encodings are made here.</param>
    /// <param name="roots">Message types to be encoded; every type reachable from them that can hold a shared
    /// part is walked field by field, every other type is left to its generated code.</param>
    public SharedPartEncoder(IEnumerable<IMessage> shared, IEnumerable<MessageDescriptor> roots)
    {
        _shared = new Dictionary<IMessage, byte[]>(ReferenceEqualityComparer.Instance);
        var sharedTypes = new HashSet<MessageDescriptor>();
        foreach (var part in shared)
        {
            _shared.TryAdd(part, part.ToByteArray());
            sharedTypes.Add(part.Descriptor);
        }

        _containers = ContainerPlan.Build(roots, sharedTypes);
    }

    /// <summary>Encodes <paramref name="message"/> as <c>message.ToByteArray()</c> would.</summary>
    public byte[] Encode(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_shared.TryGetValue(message, out var encoded))
        {
            return (byte[])encoded.Clone();
        }

        if (Measure(message) is not { } measured)
        {
            return message.ToByteArray();
        }

        // Every byte is written (protobuf checks no space is left), so the array need not be zeroed first.
        var bytes = GC.AllocateUninitializedArray<byte>(measured.Length);
        measured.WriteTo(bytes.AsSpan());
        return bytes;
    }

    /// <summary>
    /// Writes <paramref name="message"/>'s encoding (the bytes <see cref="Encode"/> returns) to the writer
    /// <paramref name="output"/> gives for its length, without an intermediate array.
    /// </summary>
    public void EncodeTo(IMessage message, Func<int, IBufferWriter<byte>> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        if (_shared.TryGetValue(message, out var encoded))
        {
            output(encoded.Length).Write(encoded);
        }
        else if (Measure(message) is { } measured)
        {
            measured.WriteTo(output(measured.Length));
        }
        else
        {
            message.WriteTo(output(message.CalculateSize()));
        }
    }

    // Two passes: measure every walked message once, then write reading the sizes back. Measuring again at each level,
    // as generated code does, costs time in proportion to nesting depth; FULL trees also repeat instances.
    private MeasuredMessage? Measure(IMessage message)
    {
        if (!_containers.TryGetValue(message.Descriptor, out var fields))
        {
            return null;
        }

        var sizes = new Dictionary<IMessage, int>(ReferenceEqualityComparer.Instance);
        return new MeasuredMessage(this, message, fields, sizes, MeasureFields(message, fields, sizes));
    }

    private int MeasureMessage(IMessage message, Dictionary<IMessage, int> sizes)
    {
        if (_shared.TryGetValue(message, out var encoded))
        {
            return encoded.Length;
        }

        if (!_containers.TryGetValue(message.Descriptor, out var fields))
        {
            return message.CalculateSize();
        }

        if (!sizes.TryGetValue(message, out var size))
        {
            size = MeasureFields(message, fields, sizes);
            sizes.Add(message, size);
        }

        return size;
    }

    private int MeasureFields(IMessage message, FieldDescriptor[] fields, Dictionary<IMessage, int> sizes)
    {
        var size = 0;
        foreach (var field in fields)
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var tagSize = CodedOutputStream.ComputeTagSize(field.FieldNumber);
                foreach (var item in (IList)value)
                {
                    size += tagSize + MeasureElement(field, item, sizes);
                }
            }
            else if (IsPresent(field, message, value))
            {
                size += CodedOutputStream.ComputeTagSize(field.FieldNumber) + MeasureElement(field, value, sizes);
            }
        }

        return size;
    }

    private int MeasureElement(FieldDescriptor field, object value, Dictionary<IMessage, int> sizes) => field.FieldType switch
    {
        FieldType.Message => LengthDelimitedSize(MeasureMessage((IMessage)value, sizes)),
        FieldType.String => CodedOutputStream.ComputeStringSize((string)value),
        FieldType.Enum => CodedOutputStream.ComputeEnumSize((int)value),
        FieldType.Int32 => CodedOutputStream.ComputeInt32Size((int)value),
        FieldType.Bool => CodedOutputStream.ComputeBoolSize((bool)value),
        FieldType.Double => CodedOutputStream.ComputeDoubleSize((double)value),
        _ => throw Unsupported(field),
    };

    /// <summary>Writes the fields of a walked message, reading back the sizes measured for it.</summary>
    internal void WriteFields(ref WriteContext output, IMessage message, FieldDescriptor[] fields, Dictionary<IMessage, int> sizes)
    {
        foreach (var field in fields)
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                foreach (var item in (IList)value)
                {
                    WriteElement(ref output, field, item, sizes);
                }
            }
            else if (IsPresent(field, message, value))
            {
                WriteElement(ref output, field, value, sizes);
            }
        }
    }

    private void WriteElement(ref WriteContext output, FieldDescriptor field, object value, Dictionary<IMessage, int> sizes)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                WriteMessage(ref output, (IMessage)value, sizes);
                break;
            case FieldType.String:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString((string)value);
                break;
            case FieldType.Enum:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteEnum((int)value);
                break;
            case FieldType.Int32:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteInt32((int)value);
                break;
            case FieldType.Bool:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteBool((bool)value);
                break;
            case FieldType.Double:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Fixed64);
                output.WriteDouble((double)value);
                break;
            default:
                throw Unsupported(field);
        }
    }

    private void WriteMessage(ref WriteContext output, IMessage message, Dictionary<IMessage, int> sizes)
    {
        if (_shared.TryGetValue(message, out var encoded))
        {
            output.WriteBytes(UnsafeByteOperations.UnsafeWrap(encoded));
        }
        else if (_containers.TryGetValue(message.Descriptor, out var fields))
        {
            output.WriteLength(sizes[message]);
            WriteFields(ref output, message, fields, sizes);
        }
        else
        {
            output.WriteMessage(message);
        }
    }

    private static InvalidOperationException Unsupported(FieldDescriptor field) =>
        new($"{field.FullName}: {field.FieldType} is not in the encoding plan.");

    private static int LengthDelimitedSize(int length) => CodedOutputStream.ComputeLengthSize(length) + length;

    // Generated proto3 code writes a field without presence only when it differs from its default.
    private static bool IsPresent(FieldDescriptor field, IMessage message, object value) => field.HasPresence
        ? field.Accessor.HasValue(message)
        : value switch
        {
            string s => s.Length != 0,
            bool b => b,
            int i => i != 0,
            double d => d != 0D,
            Enum => (int)value != 0, // protobuf enums are int-backed: unboxing reads the number without reflection
            _ => true,
        };
}
