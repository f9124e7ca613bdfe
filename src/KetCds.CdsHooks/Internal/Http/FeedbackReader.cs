using System.Collections.Immutable;
using System.Text.Json;
using KetCds.CdsHooks.Internal.Hooks;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>Reads a CDS Hooks feedback body: <c>{"feedback": [{card, outcome, acceptedSuggestions, overrideReason, outcomeTimestamp}]}</c>.</summary>
internal static class FeedbackReader
{
    public static (ImmutableArray<CdsFeedback> Items, IReadOnlyList<RequestProblem> Problems) Read(string serviceId, ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return ([], [new RequestProblem("$", $"is not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var problems = new List<RequestProblem>();
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("feedback", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return ([], [new RequestProblem("feedback", "is required and must be an array")]);
            }

            var items = ImmutableArray.CreateBuilder<CdsFeedback>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"feedback[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new RequestProblem(at, "must be an object"));
                    continue;
                }

                var card = Text(item, "card");
                var outcome = Text(item, "outcome");
                var timestamp = Text(item, "outcomeTimestamp");
                if (card is null)
                {
                    problems.Add(new RequestProblem($"{at}.card", "is required: the uuid of the card"));
                }

                if (outcome is not ("accepted" or "overridden"))
                {
                    problems.Add(new RequestProblem($"{at}.outcome", "must be 'accepted' or 'overridden'"));
                }

                if (timestamp is null || !DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
                {
                    problems.Add(new RequestProblem($"{at}.outcomeTimestamp", "is required: an ISO 8601 date and time"));
                }

                string? reason = null;
                var comment = false;
                if (item.TryGetProperty("overrideReason", out var overrideReason) && overrideReason.ValueKind == JsonValueKind.Object)
                {
                    if (overrideReason.TryGetProperty("reason", out var coding) && coding.ValueKind == JsonValueKind.Object)
                    {
                        reason = $"{Text(coding, "system")}|{Text(coding, "code")}";
                    }

                    comment = Text(overrideReason, "userComment") is not null;
                }

                var accepted = ImmutableArray.CreateBuilder<string>();
                if (item.TryGetProperty("acceptedSuggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array)
                {
                    foreach (var suggestion in suggestions.EnumerateArray())
                    {
                        if (suggestion.ValueKind == JsonValueKind.Object && Text(suggestion, "id") is { } id)
                        {
                            accepted.Add(id);
                        }
                    }
                }

                if (card is not null && outcome is "accepted" or "overridden" && timestamp is not null)
                {
                    items.Add(new CdsFeedback(serviceId, card, outcome!, reason, accepted.ToImmutable(), timestamp, comment));
                }
            }

            return problems.Count > 0 ? ([], problems) : (items.ToImmutable(), []);
        }
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
