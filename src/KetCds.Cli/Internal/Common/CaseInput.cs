using System.Text.Json;
using Google.Protobuf;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Common;

/// <summary>A single case file given to evaluate or explain: a regression case or a bare Evaluate request.</summary>
/// <param name="Request">The request to evaluate.</param>
/// <param name="Case">The regression case, when the file held one.</param>
internal sealed record CaseInput(EvaluateRequest Request, RegressionCase? Case)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    // Only a regression case has these top-level fields; an EvaluateRequest has requestId and patient.
    private static readonly string[] CaseFields = ["id", "title", "description", "request", "expected", "rejected"];

    /// <summary>Reads <paramref name="path"/>, deciding by its top-level fields whether it is a RegressionCase or an EvaluateRequest.</summary>
    public static CaseInput Read(CliContext context, string path)
    {
        var full = context.Resolve(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file" : $"{path}: {e.Message}", e);
        }

        bool isCase;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{path}: expected a JSON object (a RegressionCase or an EvaluateRequest)");
            }

            isCase = document.RootElement.EnumerateObject().Any(p => CaseFields.Contains(p.Name, StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: not valid JSON: {e.Message}", e);
        }

        try
        {
            if (isCase)
            {
                var regressionCase = Parser.Parse<RegressionCase>(text);
                return new CaseInput(regressionCase.Request ?? throw new CliException($"{path}: the regression case has no 'request'"), regressionCase);
            }

            return new CaseInput(Parser.Parse<EvaluateRequest>(text), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new CliException($"{path}: not a valid {(isCase ? "RegressionCase" : "EvaluateRequest")}: {e.Message}", e);
        }
    }
}
