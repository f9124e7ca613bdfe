using System.Collections.Immutable;
using System.Text.Json;
using Google.Protobuf;

namespace KetCds.Clinical.Regression;

/// <summary>
/// Compares two decisions (or any two messages) through their proto3 JSON form. Lists of plain values are
/// compared as sets, lists of objects by their natural key (code, claimId, field), so one inserted route
/// reads as one added route rather than a shifted list.
/// </summary>
public static class DecisionDiff
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly string[] Keys = ["code", "claimId", "field"];

    /// <summary>Every difference between <paramref name="before"/> and <paramref name="after"/>, in path order.</summary>
    public static ImmutableArray<DecisionChange> Compare(IMessage before, IMessage after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        using var a = JsonDocument.Parse(Formatter.Format(before));
        using var b = JsonDocument.Parse(Formatter.Format(after));
        var changes = new List<DecisionChange>();
        Compare(string.Empty, a.RootElement, b.RootElement, changes);
        return [.. changes];
    }

    private static void Compare(string path, JsonElement? a, JsonElement? b, List<DecisionChange> changes)
    {
        if (a is null || b is null)
        {
            if (a is not null || b is not null)
            {
                changes.Add(new DecisionChange(path, a?.GetRawText(), b?.GetRawText()));
            }

            return;
        }

        var x = a.Value;
        var y = b.Value;
        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var names = x.EnumerateObject().Select(p => p.Name).Union(y.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                Compare(Join(path, name), Property(x, name), Property(y, name), changes);
            }
        }
        else if (x.ValueKind == JsonValueKind.Array && y.ValueKind == JsonValueKind.Array)
        {
            CompareArrays(path, x, y, changes);
        }
        else if (x.GetRawText() != y.GetRawText())
        {
            changes.Add(new DecisionChange(path, x.GetRawText(), y.GetRawText()));
        }
    }

    private static void CompareArrays(string path, JsonElement x, JsonElement y, List<DecisionChange> changes)
    {
        var key = Keys.FirstOrDefault(k => All(x, k) && All(y, k));
        var left = Index(x, key);
        var right = Index(y, key);
        foreach (var id in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            JsonElement? l = left.TryGetValue(id, out var lv) ? lv : null;
            JsonElement? r = right.TryGetValue(id, out var rv) ? rv : null;
            Compare($"{path}[{id}]", l, r, changes);
        }
    }

    private static Dictionary<string, JsonElement> Index(JsonElement array, string? key)
    {
        var index = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var position = 0;
        foreach (var item in array.EnumerateArray())
        {
            var id = key is not null ? item.GetProperty(key).GetString()! :
                item.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? (position++).ToString(System.Globalization.CultureInfo.InvariantCulture) :
                item.ToString();
            index.TryAdd(id, item);
        }

        return index;
    }

    private static bool All(JsonElement array, string key)
    {
        // A key only identifies items when every item has it and no two share it.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String || !seen.Add(value.GetString()!))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement? Property(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
