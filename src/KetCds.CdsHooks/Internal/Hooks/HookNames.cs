namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>The CDS Hooks hooks KetCds answers.</summary>
internal static class HookNames
{
    public const string PatientView = "patient-view";
    public const string OrderSelect = "order-select";
    public const string OrderSign = "order-sign";
}
