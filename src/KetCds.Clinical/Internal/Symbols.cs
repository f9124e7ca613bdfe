using System.Collections.Immutable;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>The rule-vocabulary symbol of each contract enum value; null for values that carry no meaning (unspecified or unknown).</summary>
internal static class Symbols
{
    public static string? Of(PainCondition value) => value switch
    {
        PainCondition.CrpsType1 or PainCondition.CrpsType2 => "crps",
        PainCondition.Fibromyalgia => "fibromyalgia",
        PainCondition.DiabeticNeuropathy => "diabetic_neuropathy",
        PainCondition.PeripheralNeuropathy => "peripheral_neuropathy",
        PainCondition.PostherpeticNeuralgia => "post_herpetic_neuralgia",
        PainCondition.ChemotherapyInducedNeuropathy => "chemotherapy_induced_neuropathy",
        PainCondition.SpinalCordInjuryPain => "spinal_cord_injury_pain",
        PainCondition.PhantomLimbPain => "phantom_limb_pain",
        PainCondition.TrigeminalNeuropathicPain => "trigeminal_neuropathic_pain",
        PainCondition.TemporomandibularPain => "temporomandibular_pain",
        PainCondition.ChronicMigraine => "migraine",
        PainCondition.RefractoryCancerPain => "refractory_cancer_pain",
        PainCondition.PostoperativePain => "postoperative_pain",
        PainCondition.LocalizedNervePain => "localized_nerve_pain",
        PainCondition.OtherNeuropathicPain => "other_neuropathic_pain",
        PainCondition.OtherChronicNonCancerPain => "other_chronic_pain",
        PainCondition.AcutePain => "acute_pain",
        _ => null,
    };

    public static string? Of(StandardTreatment value) => value switch
    {
        StandardTreatment.Opioids => "opioids",
        StandardTreatment.NonOpioidAnalgesics => "other_analgesics",
        StandardTreatment.Anticonvulsants => "anticonvulsants",
        StandardTreatment.Antidepressants => "antidepressants",
        StandardTreatment.NerveBlocks => "nerve_blocks",
        StandardTreatment.PhysicalTherapy => "physical_therapy",
        StandardTreatment.PsychologicalTherapy => "psychological_therapy",
        StandardTreatment.Other => "other",
        _ => null,
    };

    public static string? Of(MedicationClass value) => value switch
    {
        MedicationClass.Opioids => "opioid",
        MedicationClass.Benzodiazepines => "benzodiazepine",
        MedicationClass.OtherSedatives => "other_sedative",
        MedicationClass.Antidepressants => "antidepressant",
        MedicationClass.Anticonvulsants => "anticonvulsant",
        MedicationClass.NonOpioidAnalgesics => "non_opioid_analgesic",
        MedicationClass.Dextromethorphan => "dextromethorphan",
        MedicationClass.Ketamine => "ketamine",
        MedicationClass.Esketamine => "esketamine",
        _ => null,
    };

    public static string? Of(CareGoal value) => value switch
    {
        CareGoal.InitialTreatment => "initial_treatment",
        CareGoal.Maintenance => "maintenance",
        CareGoal.BreakthroughPain => "breakthrough_pain",
        CareGoal.AcuteFlare => "acute_flare",
        CareGoal.Perioperative => "perioperative",
        _ => null,
    };

    public static string? Of(AdjunctTherapy value) => value switch
    {
        AdjunctTherapy.PhysicalTherapy => "physical_therapy",
        AdjunctTherapy.Counseling => "counseling",
        AdjunctTherapy.Other => "other",
        _ => null,
    };

    /// <summary>Every symbol <paramref name="of"/> gives some value of <typeparamref name="T"/>, sorted: what the mapper can supply.</summary>
    public static ImmutableArray<string> All<T>(Func<T, string?> of)
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(of).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    public static bool IsKnown(Route value) => value is >= Route.Iv and <= Route.Transdermal;

    public static bool IsKnown(TreatmentOutcome value) => value is >= TreatmentOutcome.Failed and <= TreatmentOutcome.Contraindicated;
}
