using KetCds.Contracts.V1;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>Patients the functional tests send.</summary>
internal static class Patients
{
    /// <summary>CRPS type 1 for 18 months at NRS 8, opioids failed and an anticonvulsant not tolerated, seeking a first treatment.</summary>
    public static PatientFacts EligibleCrps() => new()
    {
        PainConditions = new PainConditionList { Conditions = { PainCondition.CrpsType1 } },
        PainDurationMonths = 18,
        PainSeverityNrs = 8,
        ClinicianJudgesSevere = true,
        TreatmentsTried = new TreatmentHistory
        {
            Trials =
            {
                new TreatmentTrial { Treatment = StandardTreatment.Opioids, Outcome = TreatmentOutcome.Failed },
                new TreatmentTrial { Treatment = StandardTreatment.Anticonvulsants, Outcome = TreatmentOutcome.NotTolerated },
                new TreatmentTrial { Treatment = StandardTreatment.PhysicalTherapy, Outcome = TreatmentOutcome.Partial },
            },
        },
        CurrentMedications = new MedicationList { Classes = { MedicationClass.Antidepressants } },
        History = new MedicalHistory
        {
            AlcoholUseDisorder = false,
            DrugUseDisorder = false,
            BladderProblems = false,
            LiverDysfunction = false,
            CognitiveImpairment = false,
            Depression = false,
            Anxiety = false,
        },
        PriorKetamine = new KetamineHistory { ReceivedBefore = false },
        CareGoal = CareGoal.InitialTreatment,
    };

    /// <summary>A patient with two invalid fields: NRS 42 and a treatment trial with an unknown outcome value.</summary>
    public static PatientFacts WithTwoInvalidFields()
    {
        var patient = EligibleCrps();
        patient.PainSeverityNrs = 42;
        patient.TreatmentsTried.Trials[1].Outcome = (TreatmentOutcome)987;
        return patient;
    }
}
