namespace KetCds.Client;

/// <summary>One invalid request field reported by the server, e.g. <c>patient.pain_severity_nrs</c>.</summary>
/// <param name="Field">Path of the offending field in proto field names (list positions zero-based).</param>
/// <param name="Description">What is wrong with the field and what is allowed.</param>
public sealed record FieldViolationDetail(string Field, string Description);
