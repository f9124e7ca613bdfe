namespace KetCds.Server.Internal.Configuration;

/// <summary>The values of <c>KetCds:Engine</c>.</summary>
internal static class EngineNames
{
    public const string KetCds = "ketcds";
    public const string NRules = "nrules";
}
