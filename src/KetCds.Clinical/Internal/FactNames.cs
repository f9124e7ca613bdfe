using System.Collections.Frozen;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The rule vocabulary's input fact names and the request field each comes from, so missing data can be
/// reported as a field path an integrator recognises.
/// </summary>
internal static class FactNames
{
    public const string Conditions = "conditions";
    public const string PainDurationMonths = "pain_duration_months";
    public const string PainSeverity = "pain_severity_nrs";
    public const string SevereJudgement = "clinician_judges_severe";
    public const string AgeYears = "age_years";
    public const string PregnantOrBreastfeeding = "pregnant_or_breastfeeding";
    public const string ContraindicatedTreatments = "contraindicated_treatments";
    public const string Psychosis = "history_psychosis";
    public const string CardiovascularDisease = "history_cardiovascular_disease";
    public const string FailedTreatments = "failed_treatments";
    public const string EffectiveTreatments = "effective_treatments";
    public const string CurrentMedications = "current_medications";
    public const string AlcoholUseDisorder = "history_alcohol_use_disorder";
    public const string DrugUseDisorder = "history_drug_use_disorder";
    public const string BladderProblems = "history_bladder_problems";
    public const string LiverDysfunction = "history_liver_dysfunction";
    public const string CognitiveProblems = "history_cognitive_problems";
    public const string Depression = "history_depression";
    public const string Anxiety = "history_anxiety";
    public const string PriorKetamine = "prior_ketamine";
    public const string SessionsLast12Months = "ketamine_sessions_last_12_months";
    public const string DaysSinceLast = "days_since_last_ketamine";
    public const string LastReliefDays = "last_relief_days";
    public const string RespondedWell = "ketamine_responded_well";
    public const string DiminishingEffect = "diminishing_effect";
    public const string CareGoal = "care_goal";
    public const string AdjunctTherapies = "adjunct_therapies";

    public const string Eligibility = "eligibility";
    public const string CapReached = "infusion_cap_reached";

    private static readonly FrozenDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Conditions] = "patient.pain_conditions",
        [PainDurationMonths] = "patient.pain_duration_months",
        [PainSeverity] = "patient.pain_severity_nrs",
        [SevereJudgement] = "patient.clinician_judges_severe",
        [AgeYears] = "patient.age_years",
        [PregnantOrBreastfeeding] = "patient.pregnant_or_breastfeeding",
        [ContraindicatedTreatments] = "patient.treatments_tried",
        [Psychosis] = "patient.history.psychosis",
        [CardiovascularDisease] = "patient.history.cardiovascular_disease",
        [FailedTreatments] = "patient.treatments_tried",
        [EffectiveTreatments] = "patient.treatments_tried",
        [CurrentMedications] = "patient.current_medications",
        [AlcoholUseDisorder] = "patient.history.alcohol_use_disorder",
        [DrugUseDisorder] = "patient.history.drug_use_disorder",
        [BladderProblems] = "patient.history.bladder_problems",
        [LiverDysfunction] = "patient.history.liver_dysfunction",
        [CognitiveProblems] = "patient.history.cognitive_impairment",
        [Depression] = "patient.history.depression",
        [Anxiety] = "patient.history.anxiety",
        [PriorKetamine] = "patient.prior_ketamine.received_before",
        [SessionsLast12Months] = "patient.prior_ketamine.sessions_last_12_months",
        [DaysSinceLast] = "patient.prior_ketamine.days_since_last_session",
        [LastReliefDays] = "patient.prior_ketamine.relief_duration_days",
        [RespondedWell] = "patient.prior_ketamine.responded_well",
        [DiminishingEffect] = "patient.prior_ketamine.diminishing_effect",
        [CareGoal] = "patient.care_goal",
        [AdjunctTherapies] = "patient.adjunct_therapies",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The request field path for an input fact; the fact name itself for a fact with no field.</summary>
    public static string FieldOf(string fact) => Fields.TryGetValue(fact, out var field) ? field : fact;

    /// <summary>Every distinct field path of an input fact, sorted ordinal: the order missing data is listed in.</summary>
    public static readonly string[] SortedFields = [.. Fields.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Per input fact, the index of its field in <see cref="SortedFields"/>.</summary>
    public static readonly FrozenDictionary<string, int> FieldIndex =
        Fields.ToFrozenDictionary(p => p.Key, p => Array.IndexOf(SortedFields, p.Value), StringComparer.Ordinal);

    /// <summary>Every input fact the mapper can supply.</summary>
    public static IEnumerable<string> InputFacts => Fields.Keys;
}
