using System.Globalization;
using System.Text;

namespace KetCds.Cli.Internal.Common;

/// <summary>A StringWriter that declares UTF-8, so an XML declaration says what the file will be written in.</summary>
internal sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
{
    public override Encoding Encoding => new UTF8Encoding(false);
}
