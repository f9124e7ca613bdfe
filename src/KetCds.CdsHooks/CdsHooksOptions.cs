namespace KetCds.CdsHooks;

/// <summary>Settings of the CDS Hooks endpoints (configuration section <c>KetCds:CdsHooks</c>).</summary>
public sealed class CdsHooksOptions
{
    /// <summary>The folder holding the terminology map (FHIR ConceptMap JSON files); by default <c>terminology</c> inside the rules folder.</summary>
    public string TerminologyDirectory { get; set; } = "rules/terminology";

    /// <summary>How often the terminology folder is checked for changes.</summary>
    public TimeSpan TerminologyPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The whole budget for fetching missing prefetch from the EHR's FHIR server, all fetches together; no retries.</summary>
    public TimeSpan FhirFetchBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body accepted; larger bodies get a 400 that says so.</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The public base URL of this service as EHRs call it (e.g. <c>https://cds.example.org</c>): a hook JWT's <c>aud</c>
    /// must be this plus the service path. When unset, the request's own scheme and host are used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The EHRs allowed to call, each with its issuer and the JWKS its tokens are signed with.</summary>
    public IList<CdsHooksEhr> Ehrs { get; } = [];

    /// <summary>Whether hook calls without a JWT are answered: only for local development (loopback, no EHR configured).</summary>
    public bool AllowAnonymous { get; set; }
}
