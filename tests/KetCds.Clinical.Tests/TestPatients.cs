using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>Small hand-built patients for focused tests.</summary>
internal static class TestPatients
{
    /// <summary>Refractory CRPS, ketamine-naive, initial treatment, every field recorded.</summary>
    public static PatientFacts CompleteCrps()
    {
        var patient = new PatientFacts
        {
            PainConditions = new PainConditionList { Conditions = { PainCondition.CrpsType1 } },
            ClinicianJudgesSevere = true,
            PregnantOrBreastfeeding = false,
            TreatmentsTried = new TreatmentHistory { Trials = { new TreatmentTrial { Treatment = StandardTreatment.Opioids, Outcome = TreatmentOutcome.Failed } } },
            CurrentMedications = new MedicationList(),
            History = new MedicalHistory
            {
                AlcoholUseDisorder = false, DrugUseDisorder = false, BladderProblems = false, LiverDysfunction = false,
                CognitiveImpairment = false, Depression = false, Anxiety = false, Psychosis = false, CardiovascularDisease = false,
            },
            PriorKetamine = new KetamineHistory { ReceivedBefore = false },
            CareGoal = CareGoal.InitialTreatment,
            AdjunctTherapies = new AdjunctTherapyList { Therapies = { AdjunctTherapy.PhysicalTherapy } },
        };
        return patient;
    }
}
