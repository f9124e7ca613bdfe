using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>The hash of a <see cref="MissingDataCache"/> key (one field's requests and missing pairs).</summary>
internal static class MissingKeyHash
{
    public static int Of(ReadOnlySpan<MissingInput> key)
    {
        // Keys are a few pairs of small integers from one rule set, not adversarial input: a multiplicative mix suffices.
        var hash = (uint)key.Length;
        foreach (var (fact, rule) in key)
        {
            hash = (hash * 0x9E3779B1u) ^ (uint)((fact << 16) ^ rule);
        }

        return (int)(hash ^ (hash >> 15));
    }
}
