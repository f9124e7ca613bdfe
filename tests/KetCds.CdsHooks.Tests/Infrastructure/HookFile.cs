using System.Text.Json;
using System.Text.Json.Nodes;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>A recorded hook call: the service, the request the EHR sent, and (for regression files) the case it encodes.</summary>
internal sealed record HookFile(string Name, string Service, JsonObject Request, string? CaseFile)
{
    public static HookFile Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new HookFile(
            Path.GetFileNameWithoutExtension(path),
            root["service"]!.GetValue<string>(),
            root["request"]!.AsObject(),
            root["case"]?.GetValue<string>());
    }

    public static IEnumerable<object[]> In(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Repository.HookFiles, folder), "*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    public string RequestJson => Request.ToJsonString();
}
