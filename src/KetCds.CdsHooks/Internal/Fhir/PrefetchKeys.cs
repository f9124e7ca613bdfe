namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>The prefetch keys the services ask for; the mapper reads a list as complete only when its key was supplied.</summary>
internal static class PrefetchKeys
{
    public const string Patient = "patient";
    public const string Conditions = "conditions";
    public const string MedicationRequests = "medicationRequests";
    public const string MedicationStatements = "medicationStatements";
    public const string Observations = "observations";
    public const string Procedures = "procedures";
    public const string KetamineAdministrations = "ketamineAdministrations";
}
