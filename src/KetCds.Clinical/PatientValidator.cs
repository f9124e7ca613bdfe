using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using KetCds.Clinical.Internal;
using KetCds.Contracts.V1;

namespace KetCds.Clinical;

/// <summary>
/// Checks a request before evaluation and lists every violation by field path. Nothing is defaulted silently:
/// a value that cannot be meant (negative counts, unknown enum values, contradictions) is rejected.
/// </summary>
/// <remarks>Descriptions name the field and the problem but never echo the patient's values.</remarks>
public static class PatientValidator
{
    /// <summary>The longest request_id or case_id accepted, in characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The most entries a repeated field may have; past it the list gets one violation and its entries are not read.</summary>
    public const int MaxListLength = 64;

    /// <summary>The most violations listed; past it one more entry, at the first field left out, says how many were.</summary>
    public const int MaxReported = 20;

    /// <summary>Validates an Evaluate request; an empty result means it may be evaluated.</summary>
    public static ImmutableArray<FieldViolation> Validate(EvaluateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValidateItem("request_id", request.RequestId, request.Detail, request.Patient);
    }

    /// <summary>
    /// Validates one EvaluateBatch item exactly as <see cref="Validate(EvaluateRequest)"/> validates a request, with
    /// <c>case_id</c> in place of <c>request_id</c>; an empty result means it may be evaluated.
    /// </summary>
    public static ImmutableArray<FieldViolation> Validate(EvaluateBatchRequest item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ValidateItem("case_id", item.CaseId, item.Detail, item.Patient);
    }

    /// <summary>Validates patient facts and the detail asked for; an empty result means they may be evaluated.</summary>
    public static ImmutableArray<FieldViolation> Validate(PatientFacts? patient, ResultDetail detail) =>
        Reported(DetailAndPatient(detail, patient));

    /// <summary>Validates patient facts under the given field-path prefix; an empty result means they may be evaluated.</summary>
    public static ImmutableArray<FieldViolation> Validate(PatientFacts? patient, string path = "patient")
    {
        List<FieldViolation>? violations = null;
        ValidatePatient(patient, path, ref violations);
        return Reported(violations);
    }

    private static ImmutableArray<FieldViolation> ValidateItem(string idField, string id, ResultDetail detail, PatientFacts? patient)
    {
        var violations = DetailAndPatient(detail, patient);
        if (id.Length > MaxIdLength)
        {
            Add(ref violations, idField, $"must be at most {MaxIdLength} characters");
        }

        // Ids reach logs and audit records; a line break or escape sequence there could forge entries. (Bytes that are
        // not UTF-8 never get here: Google.Protobuf refuses them while parsing the request.)
        if (HasControl(id))
        {
            Add(ref violations, idField, "must not contain control characters");
        }

        return Reported(violations);
    }

    private static bool HasControl(string id)
    {
        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static List<FieldViolation>? DetailAndPatient(ResultDetail detail, PatientFacts? patient)
    {
        List<FieldViolation>? violations = null;
        if (!Enum.IsDefined(detail))
        {
            Add(ref violations, "detail", "is not a known ResultDetail value");
        }

        ValidatePatient(patient, "patient", ref violations);
        return violations;
    }

    private static void ValidatePatient(PatientFacts? patient, string path, ref List<FieldViolation>? violations)
    {
        if (patient is null)
        {
            Add(ref violations, path, "is required");
            return;
        }

        ValidatePain(patient, path, ref violations);
        ValidateTreatments(patient, path, ref violations);
        ValidateList(patient.CurrentMedications?.Classes, path, ".current_medications.classes", ref violations);
        ValidateKetamine(patient.PriorKetamine, path, ref violations);
        if (patient.HasCareGoal && Symbols.Of(patient.CareGoal) is null)
        {
            Add(ref violations, $"{path}.care_goal", UnknownValue(patient.CareGoal));
        }

        ValidateList(patient.AdjunctTherapies?.Therapies, path, ".adjunct_therapies.therapies", ref violations);
    }

    /// <summary>
    /// Sorted by field path with indexes compared as numbers (<c>trials[9]</c> before <c>trials[100]</c>), then by
    /// description; at most <see cref="MaxReported"/>, so an error stays small enough for any client's metadata limit.
    /// </summary>
    private static ImmutableArray<FieldViolation> Reported(List<FieldViolation>? violations)
    {
        if (violations is not { Count: > 0 })
        {
            return [];
        }

        var sorted = violations.OrderBy(v => v.Field, FieldPathComparer.Instance).ThenBy(v => v.Description, StringComparer.Ordinal).ToList();
        if (sorted.Count <= MaxReported)
        {
            return [.. sorted];
        }

        // The last entry names the first field left out, so the list still reads in field order.
        var more = new FieldViolation { Field = sorted[MaxReported].Field, Description = $"and {sorted.Count - MaxReported} more violations from this field on, not listed" };
        return [.. sorted.Take(MaxReported), more];
    }

    private static void ValidatePain(PatientFacts patient, string path, ref List<FieldViolation>? violations)
    {
        if (patient.PainConditions is { } conditions)
        {
            if (conditions.Conditions.Count == 0)
            {
                Add(ref violations, $"{path}.pain_conditions.conditions", "must list at least one condition; leave pain_conditions unset when the conditions are unknown");
            }

            ValidateList(conditions.Conditions, path, ".pain_conditions.conditions", ref violations);
        }

        if (patient.HasPainDurationMonths && patient.PainDurationMonths is < 0 or > 1200)
        {
            Add(ref violations, $"{path}.pain_duration_months", "must be between 0 and 1200 months");
        }

        if (patient.HasPainSeverityNrs && patient.PainSeverityNrs is < 0 or > 10)
        {
            Add(ref violations, $"{path}.pain_severity_nrs", "must be between 0 and 10 on the numeric rating scale");
        }

        if (patient.HasAgeYears && patient.AgeYears is < 0 or > 130)
        {
            Add(ref violations, $"{path}.age_years", "must be between 0 and 130 years");
        }
    }

    private static void ValidateTreatments(PatientFacts patient, string path, ref List<FieldViolation>? violations)
    {
        if (patient.TreatmentsTried is not { } history)
        {
            return;
        }

        if (history.Trials.Count > MaxListLength)
        {
            // One violation for the list: reading 600,000 entries to report each would cost more than the request did.
            Add(ref violations, $"{path}.treatments_tried.trials", $"must have at most {MaxListLength} entries");
            return;
        }

        for (var i = 0; i < history.Trials.Count; i++)
        {
            var trial = history.Trials[i];
            if (Symbols.Of(trial.Treatment) is null)
            {
                Add(ref violations, $"{path}.treatments_tried.trials[{i}].treatment", UnknownValue(trial.Treatment));
            }

            if (!trial.HasOutcome)
            {
                Add(ref violations, $"{path}.treatments_tried.trials[{i}].outcome", "is required: whether the treatment failed, was not tolerated, helped partly or was effective decides eligibility");
                continue;
            }

            if (!Symbols.IsKnown(trial.Outcome))
            {
                Add(ref violations, $"{path}.treatments_tried.trials[{i}].outcome", UnknownValue(trial.Outcome));
                continue;
            }

            if (ContradictsEarlierTrial(history.Trials, i))
            {
                Add(ref violations, $"{path}.treatments_tried.trials[{i}].outcome", "contradicts an earlier trial of the same treatment recorded with the opposite outcome");
            }
        }
    }

    /// <summary>Whether an earlier trial with a known outcome recorded the same treatment with the opposite one (failed against effective).</summary>
    private static bool ContradictsEarlierTrial(RepeatedField<TreatmentTrial> trials, int index)
    {
        // At most MaxListLength trials, so looking back costs less than the sets it replaces would allocate.
        var trial = trials[index];
        var side = Side(trial.Outcome);
        if (side == 0)
        {
            return false;
        }

        for (var j = 0; j < index; j++)
        {
            var earlier = trials[j];
            if (earlier.Treatment == trial.Treatment && earlier.HasOutcome && Symbols.IsKnown(earlier.Outcome) && Side(earlier.Outcome) == -side)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>1 for an outcome that counts as failed, -1 for effective, 0 for neither.</summary>
    private static int Side(TreatmentOutcome outcome) => outcome switch
    {
        TreatmentOutcome.Failed or TreatmentOutcome.NotTolerated or TreatmentOutcome.Partial => 1,
        TreatmentOutcome.Effective => -1,
        _ => 0,
    };

    private static void ValidateKetamine(KetamineHistory? history, string patientPath, ref List<FieldViolation>? violations)
    {
        if (history is null)
        {
            return;
        }

        // Field paths are made only for a violation: a valid request (nearly every one) builds no strings.
        const string path = ".prior_ketamine";

        CheckRange(history.HasSessionsLast12Months, history.SessionsLast12Months, 0, 366, patientPath, $"{path}.sessions_last_12_months", "sessions", ref violations);
        CheckRange(history.HasDaysSinceLastSession, history.DaysSinceLastSession, 0, 36_500, patientPath, $"{path}.days_since_last_session", "days", ref violations);
        CheckRange(history.HasReliefDurationDays, history.ReliefDurationDays, 0, 3_650, patientPath, $"{path}.relief_duration_days", "days", ref violations);
        ValidateList(history.RoutesUsed?.Routes, patientPath, $"{path}.routes_used.routes", ref violations);

        if (history.HasReceivedBefore && !history.ReceivedBefore)
        {
            // Every detail of earlier treatment contradicts "never received ketamine" (checked one by one: a list of them
            // was an allocation on every such request, valid or not).
            Contradicts(history.HasSessionsLast12Months && history.SessionsLast12Months > 0, "sessions_last_12_months", patientPath, ref violations);
            Contradicts(history.HasDaysSinceLastSession, "days_since_last_session", patientPath, ref violations);
            Contradicts(history.HasReliefDurationDays, "relief_duration_days", patientPath, ref violations);
            Contradicts(history.HasRespondedWell, "responded_well", patientPath, ref violations);
            Contradicts(history.HasDiminishingEffect, "diminishing_effect", patientPath, ref violations);
            Contradicts(history.RoutesUsed is { Routes.Count: > 0 }, "routes_used", patientPath, ref violations);
        }

        if (history.HasDaysSinceLastSession && history.DaysSinceLastSession > 366 && history.HasSessionsLast12Months && history.SessionsLast12Months > 0)
        {
            Add(ref violations, $"{patientPath}{path}.sessions_last_12_months", "contradicts days_since_last_session: the last session was more than 12 months ago");
        }
    }

    private static void Contradicts(bool present, string field, string patientPath, ref List<FieldViolation>? violations)
    {
        if (present)
        {
            Add(ref violations, $"{patientPath}.prior_ketamine.{field}", "contradicts received_before = false (no earlier ketamine treatment)");
        }
    }

    private static void CheckRange(bool present, int value, int min, int max, string path, string suffix, string unit, ref List<FieldViolation>? violations)
    {
        if (present && (value < min || value > max))
        {
            Add(ref violations, path + suffix, value < min ? "must not be negative" : $"must be at most {max} {unit}");
        }
    }

    private static void ValidateList<T>(RepeatedField<T>? values, string path, string suffix, ref List<FieldViolation>? violations)
        where T : struct, Enum
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxListLength)
        {
            Add(ref violations, path + suffix, $"must have at most {MaxListLength} entries");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!IsKnown(values[i]))
            {
                Add(ref violations, $"{path}{suffix}[{i}]", UnknownValue(values[i]));
            }
        }
    }

    /// <summary>Whether a list entry has a meaning; checked per type, not through a delegate, because every valid request's lists pass here.</summary>
    private static bool IsKnown<T>(T value)
        where T : struct, Enum
    {
        // The JIT compiles one copy per enum type and keeps only its branch.
        if (typeof(T) == typeof(PainCondition))
        {
            return Symbols.Of(Unsafe.BitCast<T, PainCondition>(value)) is not null;
        }

        if (typeof(T) == typeof(MedicationClass))
        {
            return Symbols.Of(Unsafe.BitCast<T, MedicationClass>(value)) is not null;
        }

        if (typeof(T) == typeof(AdjunctTherapy))
        {
            return Symbols.Of(Unsafe.BitCast<T, AdjunctTherapy>(value)) is not null;
        }

        if (typeof(T) == typeof(Route))
        {
            return Symbols.IsKnown(Unsafe.BitCast<T, Route>(value));
        }

        throw new ArgumentException($"no check for a list of {typeof(T).Name}", nameof(value));
    }

    private static string UnknownValue<T>(T value)
        where T : struct, Enum =>
        Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0
            ? "must not be UNSPECIFIED; leave the field unset when it is unknown"
            : $"is not a known {typeof(T).Name} value";

    // The list is made on the first violation, so a valid request (nearly every one) allocates nothing here.
    private static void Add(ref List<FieldViolation>? violations, string field, string description) =>
        (violations ??= []).Add(new FieldViolation { Field = field, Description = description });
}
