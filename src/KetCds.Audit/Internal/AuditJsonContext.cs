using System.Text.Json.Serialization;

namespace KetCds.Audit.Internal;

/// <summary>Source-generated JSON for the decision column (no reflection, stable output).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
