using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// What a STANDARD result needs of one outcome a rule can emit, read from its attributes once per rule-set version:
/// its role, its shared parts and justification, and the numbers and symbols the result builder reads.
/// </summary>
internal sealed record OutcomeShape(
    Outcome Outcome,
    OutcomeRole Role,
    StandardOutcomeParts Parts,
    Justification Justification,
    Route Route,
    RouteProtocol Protocol,
    int? CourseSessionsMin,
    int? CourseSessionsMax,
    int? CapMin,
    int? CapMax);
