using System.Globalization;
using System.Text;

namespace KetCds.Cli.Internal.Common;

/// <summary>Readable names for contract enum values: <c>NotEligible</c> reads "not eligible".</summary>
internal static class Names
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        if (!Enum.IsDefined(value))
        {
            return "unknown (" + name + ")";
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
