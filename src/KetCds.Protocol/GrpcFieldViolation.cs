namespace KetCds.Protocol;

/// <summary>One invalid request field: its path (e.g. <c>patient.weight_kg</c>) and what is wrong with it.</summary>
/// <param name="Field">Dotted path of the offending field.</param>
/// <param name="Description">Human-readable description of the problem.</param>
public sealed record GrpcFieldViolation(string Field, string Description);
