using System.Collections.Immutable;
using KetCds.CdsHooks.Internal.Fhir;
using KetCds.CdsHooks.Internal.Terminology;
using TC = KetCds.CdsHooks.Internal.Terminology.TargetCatalog;

namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>
/// The three services and their prefetch templates. The observation and ketamine-administration queries list the codes
/// the terminology map reads, so extending the map extends what the EHR sends.
/// </summary>
internal static class ServiceCatalog
{
    public const string PatientViewId = "ketcds-patient-view";
    public const string OrderSelectId = "ketcds-order-select";
    public const string OrderSignId = "ketcds-order-sign";

    private const string Patient = "{{context.patientId}}";

    public static ImmutableArray<HookService> Services(TerminologyMap map)
    {
        var prefetch = Templates(map);
        return
        [
            new HookService(PatientViewId, HookNames.PatientView, "KetCds: ketamine therapy for chronic pain",
                "Whether ketamine therapy fits this patient under the KetCds rule set, which routes the sources describe with the relief each reports, the risks and alerts, and what to record to decide.", prefetch),
            new HookService(OrderSelectId, HookNames.OrderSelect, "KetCds: ketamine order check",
                "When a ketamine or esketamine order is selected: the rule set's decision for this patient and whether the ordered route is among the routes it describes.", prefetch),
            new HookService(OrderSignId, HookNames.OrderSign, "KetCds: ketamine order check before signing",
                "When a ketamine or esketamine order is about to be signed: the rule set's decision for this patient and whether the ordered route is among the routes it describes.", prefetch),
        ];
    }

    public static ImmutableSortedDictionary<string, string> Templates(TerminologyMap map)
    {
        var observationCodes = map.Codes
            .Where(c => map.Lookup(c.System, c.Code).Any(t => t.Kind == TC.Observation))
            .Select(c => $"{c.System}|{c.Code}");
        var ketamineCodes = map.CodesFor(CodeSystems.RxNorm, TC.Medication, "MEDICATION_CLASS_KETAMINE", "MEDICATION_CLASS_ESKETAMINE")
            .Select(c => $"{CodeSystems.RxNorm}|{c}");
        return new Dictionary<string, string>
        {
            [PrefetchKeys.Patient] = $"Patient/{Patient}",
            [PrefetchKeys.Conditions] = $"Condition?patient={Patient}",
            [PrefetchKeys.MedicationRequests] = $"MedicationRequest?patient={Patient}&status=active",
            [PrefetchKeys.MedicationStatements] = $"MedicationStatement?patient={Patient}",
            [PrefetchKeys.Observations] = $"Observation?patient={Patient}&code={string.Join(',', observationCodes)}",
            [PrefetchKeys.Procedures] = $"Procedure?patient={Patient}",
            [PrefetchKeys.KetamineAdministrations] = $"MedicationAdministration?patient={Patient}&code={string.Join(',', ketamineCodes)}",
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }
}
