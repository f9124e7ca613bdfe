namespace KetCds.CdsHooks;

/// <summary>Names of the CDS Hooks authentication setup.</summary>
public static class CdsHooksAuthentication
{
    /// <summary>The ASP.NET Core authentication scheme that checks the EHR's JWT on hook calls.</summary>
    public const string Scheme = "CdsHooksJwt";

    /// <summary>The CORS policy of the CDS Hooks endpoints.</summary>
    public const string CorsPolicy = "CdsHooks";
}
