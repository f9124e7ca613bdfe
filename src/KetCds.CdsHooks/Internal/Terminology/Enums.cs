using Google.Protobuf.Reflection;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Internal.Terminology;

/// <summary>The contract's enum descriptors (C# enums cannot carry them), for names written in the map.</summary>
internal static class Enums
{
    public static readonly EnumDescriptor PainCondition = Find(PatientReflection.Descriptor, nameof(PainCondition));
    public static readonly EnumDescriptor MedicationClass = Find(PatientReflection.Descriptor, nameof(MedicationClass));
    public static readonly EnumDescriptor StandardTreatment = Find(PatientReflection.Descriptor, nameof(StandardTreatment));
    public static readonly EnumDescriptor AdjunctTherapy = Find(PatientReflection.Descriptor, nameof(AdjunctTherapy));
    public static readonly EnumDescriptor TreatmentOutcome = Find(PatientReflection.Descriptor, nameof(TreatmentOutcome));
    public static readonly EnumDescriptor CareGoal = Find(PatientReflection.Descriptor, nameof(CareGoal));
    public static readonly EnumDescriptor Route = Find(RouteReflection.Descriptor, nameof(Route));

    private static EnumDescriptor Find(FileDescriptor file, string name) => file.EnumTypes.Single(e => e.Name == name);
}
