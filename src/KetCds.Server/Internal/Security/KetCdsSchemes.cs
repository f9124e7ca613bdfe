namespace KetCds.Server.Internal.Security;

/// <summary>Names of the authentication schemes and authorization policies this server registers; distinct so other schemes can sit beside them.</summary>
internal static class KetCdsSchemes
{
    /// <summary>JWT bearer tokens of the <c>KetCds:Auth:Jwt</c> section.</summary>
    public const string Bearer = "KetCdsBearer";

    /// <summary>Client certificates of the <c>KetCds:Auth:ClientCertificates</c> section.</summary>
    public const string Certificate = "KetCdsCertificate";

    /// <summary>Policy of the evaluating methods.</summary>
    public const string EvaluatePolicy = "KetCds.Evaluate";

    /// <summary>Policy of the knowledge-reading methods.</summary>
    public const string ReadPolicy = "KetCds.Read";

    /// <summary>Policy of server reflection.</summary>
    public const string ReflectionPolicy = "KetCds.Reflection";

    /// <summary>The claim a trusted client certificate's configured scopes are added as (the same name tokens use).</summary>
    public const string ScopeClaim = "scope";
}
