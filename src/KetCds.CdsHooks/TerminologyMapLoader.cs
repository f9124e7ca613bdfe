using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using KetCds.CdsHooks.Internal.Terminology;

namespace KetCds.CdsHooks;

/// <summary>
/// Reads a terminology directory: every <c>*.json</c> file in it is one FHIR R4 ConceptMap, parsed and validated with
/// the Firely SDK, from SNOMED CT, ICD-10-CM, RxNorm, LOINC or KetCds-local codes to patient-fact targets.
/// </summary>
public static class TerminologyMapLoader
{
    /// <summary>Loads and checks the map; never throws for bad files, it reports them.</summary>
    public static TerminologyMapLoad Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new TerminologyMapLoad(null, [new TerminologyProblem(directory, string.Empty, "the terminology directory does not exist")]);
        }

        var paths = Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (paths.Count == 0)
        {
            return new TerminologyMapLoad(null, [new TerminologyProblem(directory, string.Empty, "holds no ConceptMap (*.json) file")]);
        }

        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var path in paths)
        {
            try
            {
                files.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
            }
            catch (IOException ex)
            {
                return new TerminologyMapLoad(null, [new TerminologyProblem(Path.GetFileName(path), string.Empty, $"cannot be read: {ex.Message}")]);
            }
        }

        return Load(files);
    }

    /// <summary>Loads and checks a map from file contents already in memory (name, UTF-8 JSON).</summary>
    public static TerminologyMapLoad Load(IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<TerminologyProblem>();
        var targets = new Dictionary<(string, string), ImmutableArray<TerminologyTarget>>();
        var firstSeen = new Dictionary<(string, string), string>();
        var versions = new List<string>();
        var names = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var deserializer = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
        foreach (var (name, bytes) in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(bytes);
            ConceptMap? map;
            try
            {
                var reader = new Utf8JsonReader(bytes);
                if (!deserializer.TryDeserializeResource(ref reader, out var resource, out var issues))
                {
                    problems.AddRange(issues.Select(i => new TerminologyProblem(name, string.Empty, i.Message)));
                    continue;
                }

                map = resource as ConceptMap;
                if (map is null)
                {
                    problems.Add(new TerminologyProblem(name, "resourceType", $"is '{resource?.TypeName}', not ConceptMap"));
                    continue;
                }
            }
            catch (Exception ex) when (ex is JsonException or FormatException or DeserializationFailedException)
            {
                problems.Add(new TerminologyProblem(name, string.Empty, $"is not valid FHIR JSON: {ex.Message}"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(map.Version))
            {
                problems.Add(new TerminologyProblem(name, "version", "is required: every answer names the map's version"));
            }

            versions.Add(map.Version ?? string.Empty);
            names.Add(map.Name ?? Path.GetFileNameWithoutExtension(name));
            CheckGroups(name, map, targets, firstSeen, problems);
        }

        if (problems.Count > 0)
        {
            return new TerminologyMapLoad(null, [.. problems]);
        }

        var fingerprint = Convert.ToHexStringLower(hash.GetHashAndReset());
        return new TerminologyMapLoad(new TerminologyMap(string.Join('+', names), string.Join('+', versions), fingerprint, targets), []);
    }

    private static void CheckGroups(
        string file,
        ConceptMap map,
        Dictionary<(string, string), ImmutableArray<TerminologyTarget>> targets,
        Dictionary<(string, string), string> firstSeen,
        List<TerminologyProblem> problems)
    {
        for (var g = 0; g < map.Group.Count; g++)
        {
            var group = map.Group[g];
            if (string.IsNullOrEmpty(group.Source))
            {
                problems.Add(new TerminologyProblem(file, $"group[{g}].source", "is required: the code system the codes belong to"));
                continue;
            }

            for (var e = 0; e < group.Element.Count; e++)
            {
                var element = group.Element[e];
                var at = $"group[{g}].element[{e}]";
                if (string.IsNullOrEmpty(element.Code))
                {
                    problems.Add(new TerminologyProblem(file, $"{at}.code", "is required"));
                    continue;
                }

                if (CodeSystems.FormatProblem(group.Source, element.Code) is { } format)
                {
                    problems.Add(new TerminologyProblem(file, $"{at}.code", $"'{element.Code}' {format}"));
                }

                var key = (group.Source, element.Code);
                if (firstSeen.TryGetValue(key, out var earlier))
                {
                    problems.Add(new TerminologyProblem(file, $"{at}.code", $"duplicate source code {group.Source}|{element.Code}, first mapped at {earlier}"));
                    continue;
                }

                firstSeen[key] = $"{file} {at}";
                var mapped = ImmutableArray.CreateBuilder<TerminologyTarget>();
                for (var t = 0; t < element.Target.Count; t++)
                {
                    var code = element.Target[t].Code ?? string.Empty;
                    var colon = code.IndexOf(':', StringComparison.Ordinal);
                    var target = colon <= 0 ? new TerminologyTarget(code, string.Empty) : new TerminologyTarget(code[..colon], code[(colon + 1)..]);
                    if (TargetCatalog.Problem(target) is { } unknown)
                    {
                        problems.Add(new TerminologyProblem(file, $"{at}.target[{t}].code", $"unknown target '{code}': {unknown}"));
                        continue;
                    }

                    mapped.Add(target);
                }

                if (element.Target.Count == 0)
                {
                    problems.Add(new TerminologyProblem(file, $"{at}.target", "is required: a code with no target would be dropped silently"));
                }

                targets[key] = mapped.ToImmutable();
            }
        }
    }
}
