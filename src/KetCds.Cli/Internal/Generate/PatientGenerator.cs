using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.Cli.Internal.Generate;

/// <summary>
/// Draws synthetic patients from the contract's enums and ranges, with some facts left unset (unknown) as real requests do,
/// and optionally one planted defect so the corpus also exercises request validation.
/// </summary>
internal static class PatientGenerator
{
    private static readonly ImmutableArray<PainCondition> Conditions = Known<PainCondition>();
    private static readonly ImmutableArray<StandardTreatment> Treatments = Known<StandardTreatment>();
    private static readonly ImmutableArray<TreatmentOutcome> Outcomes = Known<TreatmentOutcome>();
    private static readonly ImmutableArray<MedicationClass> Medications = Known<MedicationClass>();
    private static readonly ImmutableArray<Route> Routes = Known<Route>();
    private static readonly ImmutableArray<CareGoal> Goals = Known<CareGoal>();
    private static readonly ImmutableArray<AdjunctTherapy> Adjuncts = Known<AdjunctTherapy>();

    /// <summary>
    /// The defects planted in invalid cases; each makes the validator reject the patient. All are in the patient, so a
    /// server's EvaluateBatch (which carries no request id) rejects them exactly as in-process evaluation does.
    /// </summary>
    public static readonly ImmutableArray<string> Defects =
    [
        "pain severity above 10",
        "negative pain duration",
        "treatment trial without an outcome",
        "unspecified pain condition",
        "sessions recorded although ketamine was never received",
        "unspecified care goal",
    ];

    public static EvaluateRequest Valid(SplitMix64 random, string requestId) =>
        new() { RequestId = requestId, Patient = Patient(random) };

    public static EvaluateRequest Invalid(SplitMix64 random, string requestId, int defect)
    {
        var request = Valid(random, requestId);
        var patient = request.Patient;
        switch (defect)
        {
            case 0:
                patient.PainSeverityNrs = random.Between(11, 15);
                break;
            case 1:
                patient.PainDurationMonths = -random.Between(1, 12);
                break;
            case 2:
                patient.TreatmentsTried ??= new TreatmentHistory();
                patient.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = Treatments[random.Next(Treatments.Length)] });
                break;
            case 3:
                patient.PainConditions ??= new PainConditionList();
                patient.PainConditions.Conditions.Add(PainCondition.Unspecified);
                break;
            case 4:
                patient.PriorKetamine = new KetamineHistory { ReceivedBefore = false, SessionsLast12Months = random.Between(1, 6) };
                break;
            default:
                patient.CareGoal = CareGoal.Unspecified;
                break;
        }

        return request;
    }

    private static PatientFacts Patient(SplitMix64 random)
    {
        var patient = new PatientFacts();
        if (random.Chance(85))
        {
            patient.PainConditions = new PainConditionList();
            patient.PainConditions.Conditions.AddRange(random.Pick(Conditions, random.Between(1, 3)));
        }

        if (random.Chance(85))
        {
            patient.PainDurationMonths = random.Between(0, 240);
        }

        if (random.Chance(80))
        {
            patient.PainSeverityNrs = random.Between(0, 10);
        }

        if (random.Chance(80))
        {
            patient.TreatmentsTried = new TreatmentHistory();
            foreach (var treatment in random.Pick(Treatments, random.Between(0, 4)))
            {
                patient.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = treatment, Outcome = Outcomes[random.Next(Outcomes.Length)] });
            }
        }

        if (random.Chance(60))
        {
            patient.CurrentMedications = new MedicationList();
            patient.CurrentMedications.Classes.AddRange(random.Pick(Medications, random.Between(0, 3)));
        }

        if (random.Chance(75))
        {
            patient.History = History(random);
        }

        if (random.Chance(60))
        {
            patient.PriorKetamine = Ketamine(random);
        }

        if (random.Chance(70))
        {
            patient.CareGoal = Goals[random.Next(Goals.Length)];
        }

        if (random.Chance(40))
        {
            patient.AdjunctTherapies = new AdjunctTherapyList();
            patient.AdjunctTherapies.Therapies.AddRange(random.Pick(Adjuncts, random.Between(1, 2)));
        }

        // Eligibility needs the clinician's severity judgement, so most synthetic patients carry one.
        if (random.Chance(80))
        {
            patient.ClinicianJudgesSevere = random.Chance(75);
        }

        if (random.Chance(50))
        {
            patient.AgeYears = random.Between(18, 90);
        }

        if (random.Chance(50))
        {
            patient.PregnantOrBreastfeeding = random.Chance(5);
        }

        return patient;
    }

    private static MedicalHistory History(SplitMix64 random)
    {
        var history = new MedicalHistory();
        void Maybe(Action<bool> set)
        {
            if (random.Chance(70))
            {
                set(random.Chance(25));
            }
        }

        Maybe(v => history.AlcoholUseDisorder = v);
        Maybe(v => history.DrugUseDisorder = v);
        Maybe(v => history.BladderProblems = v);
        Maybe(v => history.LiverDysfunction = v);
        Maybe(v => history.CognitiveImpairment = v);
        Maybe(v => history.Depression = v);
        Maybe(v => history.Anxiety = v);
        Maybe(v => history.Psychosis = v);
        Maybe(v => history.CardiovascularDisease = v);
        return history;
    }

    private static KetamineHistory Ketamine(SplitMix64 random)
    {
        var history = new KetamineHistory();
        if (!random.Chance(85))
        {
            return history;
        }

        history.ReceivedBefore = random.Chance(60);
        if (!history.ReceivedBefore)
        {
            return history;
        }

        var days = random.Between(1, 800);
        if (random.Chance(80))
        {
            history.DaysSinceLastSession = days;
        }

        if (random.Chance(80))
        {
            // Sessions in the last year only when the last session was within it.
            history.SessionsLast12Months = days > 366 ? 0 : random.Between(1, 12);
        }

        if (random.Chance(60))
        {
            history.ReliefDurationDays = random.Between(0, 120);
        }

        if (random.Chance(70))
        {
            history.RespondedWell = random.Chance(60);
        }

        if (random.Chance(50))
        {
            history.DiminishingEffect = random.Chance(30);
        }

        if (random.Chance(60))
        {
            history.RoutesUsed = new RouteList();
            history.RoutesUsed.Routes.AddRange(random.Pick(Routes, random.Between(1, 2)));
        }

        return history;
    }

    private static ImmutableArray<T> Known<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)];
}
