using System.Collections.Frozen;
using Google.Protobuf.Reflection;

namespace KetCds.Clinical.Internal.Encoding;

/// <summary>
/// Which message types <see cref="SharedPartEncoder"/> walks field by field: those reachable from the roots that can
/// (transitively) hold a shared part, and whose fields are all of kinds it encodes. Everything else is encoded by its
/// generated code, so a field kind added to the contract later is never encoded wrongly, only more slowly.
/// </summary>
internal static class ContainerPlan
{
    private static readonly FrozenSet<FieldType> Walkable = new[]
    {
        FieldType.Message, FieldType.String, FieldType.Enum, FieldType.Int32, FieldType.Bool, FieldType.Double,
    }.ToFrozenSet();

    public static FrozenDictionary<MessageDescriptor, FieldDescriptor[]> Build(
        IEnumerable<MessageDescriptor> roots,
        IReadOnlySet<MessageDescriptor> sharedTypes)
    {
        var reachable = new HashSet<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>(roots);
        while (pending.TryPop(out var type))
        {
            if (reachable.Add(type))
            {
                foreach (var field in type.Fields.InFieldNumberOrder())
                {
                    if (field.FieldType == FieldType.Message)
                    {
                        pending.Push(field.MessageType);
                    }
                }
            }
        }

        // Fixed point: a type holds shared parts if one of its message fields is a shared type or such a holder.
        var holders = new HashSet<MessageDescriptor>();
        bool changed;
        do
        {
            changed = false;
            foreach (var type in reachable)
            {
                if (!holders.Contains(type) && type.Fields.InFieldNumberOrder().Any(f =>
                    f.FieldType == FieldType.Message && (sharedTypes.Contains(f.MessageType) || holders.Contains(f.MessageType))))
                {
                    changed |= holders.Add(type);
                }
            }
        }
        while (changed);

        return holders
            .Where(type => type.Fields.InFieldNumberOrder().All(IsWalkable))
            .ToFrozenDictionary(type => type, type => type.Fields.InFieldNumberOrder().ToArray());
    }

    // Repeated fields are walked only when length-delimited element by element (messages, strings): proto3 packs
    // repeated numbers, which the walker does not do.
    private static bool IsWalkable(FieldDescriptor field) =>
        !field.IsMap && Walkable.Contains(field.FieldType)
        && (!field.IsRepeated || field.FieldType is FieldType.Message or FieldType.String);
}
