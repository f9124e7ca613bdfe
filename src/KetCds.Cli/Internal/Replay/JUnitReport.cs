using System.Globalization;
using System.Text;
using System.Xml;
using KetCds.Cli.Internal.Common;

namespace KetCds.Cli.Internal.Replay;

/// <summary>Writes a replay as JUnit XML (one testsuite, a testcase per case, failure and error elements), without timings so it is deterministic.</summary>
internal static class JUnitReport
{
    public static string Format(ReplayResult result, IReadOnlyList<string> loadErrors, string suiteName)
    {
        var failures = result.Items.Count(i => i.Run is { Passed: false });
        var errors = result.Items.Count(i => i.Error is not null) + loadErrors.Count;
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("testsuites");
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", suiteName);
            writer.WriteAttributeString("tests", Number(result.Items.Length + loadErrors.Count));
            writer.WriteAttributeString("failures", Number(failures));
            writer.WriteAttributeString("errors", Number(errors));
            writer.WriteAttributeString("skipped", "0");
            writer.WriteStartElement("properties");
            writer.WriteStartElement("property");
            writer.WriteAttributeString("name", "ruleset");
            writer.WriteAttributeString("value", result.RuleSet);
            writer.WriteEndElement();
            writer.WriteEndElement();
            foreach (var item in result.Items)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", suiteName);
                writer.WriteAttributeString("name", item.Case.Case.Id);
                writer.WriteAttributeString("file", item.Case.Display);
                if (item.Error is not null)
                {
                    writer.WriteStartElement("error");
                    writer.WriteAttributeString("message", item.Error);
                    writer.WriteEndElement();
                }
                else if (item.Run is { Passed: false } run)
                {
                    writer.WriteStartElement("failure");
                    writer.WriteAttributeString("message", $"{run.Changes.Length} difference(s) from the expected decision");
                    writer.WriteString(string.Join("\n", run.Changes.Select(c => c.ToString())));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            foreach (var error in loadErrors)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", suiteName);
                writer.WriteAttributeString("name", error.Split(": ", 2)[0]);
                writer.WriteStartElement("error");
                writer.WriteAttributeString("message", error);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return builder.Append('\n').ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
