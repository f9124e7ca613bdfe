using System.Net;
using Microsoft.Extensions.Configuration;

namespace KetCds.Server.Internal.Configuration;

/// <summary>Binds and checks the <c>KetCds</c> section so a bad setting stops the server with every problem named by key.</summary>
internal static class KetCdsOptionsReader
{
    /// <summary>The command-line switches of the contract, mapped onto their configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--rules"] = "KetCds:Rules",
        ["--port"] = "KetCds:Port",
        ["--host"] = "KetCds:Host",
        ["--allow-insecure"] = "KetCds:AllowInsecure",
    };

    /// <summary>
    /// Lets <c>--allow-insecure</c> stand alone as a flag: the command-line provider wants a value after every switch, so a
    /// bare one becomes <c>--allow-insecure=true</c>.
    /// </summary>
    public static string[] ExpandFlags(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var expanded = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var next = i + 1 < args.Length ? args[i + 1] : null;
            var hasValue = next is not null && bool.TryParse(next, out _);
            expanded.Add(args[i] == "--allow-insecure" && !hasValue ? "--allow-insecure=true" : args[i]);
        }

        return [.. expanded];
    }

    private const int MaxDeadlineSecondsLimit = 24 * 60 * 60;
    private const int MaxDebounceMilliseconds = 60_000;

    public static KetCdsOptions Read(IConfiguration configuration)
    {
        KetCdsOptions options;
        try
        {
            options = configuration.GetSection(KetCdsOptions.SectionName).Get<KetCdsOptions>() ?? new KetCdsOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the target type, e.g. "Failed to convert configuration value at 'KetCds:Port'".
            throw new KetCdsConfigurationException($"Invalid configuration: {ex.Message}");
        }

        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new KetCdsConfigurationException("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        return options;
    }

    /// <summary>The address to bind for <see cref="KetCdsOptions.Host"/>, or null when it is not an IP address.</summary>
    public static IPAddress? ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : null;

    private static List<string> Validate(KetCdsOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Rules))
        {
            problems.Add("  KetCds:Rules (--rules): must name the rule-set directory");
        }

        if (string.IsNullOrWhiteSpace(options.Host) || ParseHost(options.Host) is null)
        {
            problems.Add($"  KetCds:Host (--host): must be an IP address such as 127.0.0.1 or ::1, or 'localhost'; got '{options.Host}'");
        }

        if (options.Port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            problems.Add($"  KetCds:Port (--port): must be between 0 and 65535 (0 picks a free port); got {options.Port}");
        }

        if (options.MaxMessageBytes < 1024)
        {
            problems.Add($"  KetCds:MaxMessageBytes: must be at least 1024 bytes; got {options.MaxMessageBytes}");
        }

        if (options.MaxDeadlineSeconds is < 1 or > MaxDeadlineSecondsLimit)
        {
            problems.Add($"  KetCds:MaxDeadlineSeconds: must be between 1 and {MaxDeadlineSecondsLimit} seconds; got {options.MaxDeadlineSeconds}");
        }

        if (options.ReloadDebounceMilliseconds is < 0 or > MaxDebounceMilliseconds)
        {
            problems.Add($"  KetCds:ReloadDebounceMilliseconds: must be between 0 and {MaxDebounceMilliseconds}; got {options.ReloadDebounceMilliseconds}");
        }

        if (options.ReloadPollMilliseconds is < 100 or > 3_600_000)
        {
            problems.Add($"  KetCds:ReloadPollMilliseconds: must be between 100 and 3600000; got {options.ReloadPollMilliseconds}");
        }

        if (options.Engine is not (EngineNames.KetCds or EngineNames.NRules))
        {
            problems.Add($"  KetCds:Engine: must be '{EngineNames.KetCds}' or '{EngineNames.NRules}'; got '{options.Engine}'");
        }

        if (options.ResponseCompression is not null && options.ResponseCompression != "gzip")
        {
            problems.Add($"  KetCds:ResponseCompression: must be 'gzip' or unset; got '{options.ResponseCompression}'");
        }

        if (options.MaxConnections is < 1 or > 1_000_000)
        {
            problems.Add($"  KetCds:MaxConnections: must be between 1 and 1000000; got {options.MaxConnections}");
        }

        if (options.MaxStreamsPerConnection is < 1 or > 1000)
        {
            problems.Add($"  KetCds:MaxStreamsPerConnection: must be between 1 and 1000; got {options.MaxStreamsPerConnection}");
        }

        if (options.ResponseStallSeconds is < 1 or > 3600)
        {
            problems.Add($"  KetCds:ResponseStallSeconds: must be between 1 and 3600; got {options.ResponseStallSeconds}");
        }

        if (options.StalledResponseOverBudgetMilliseconds < 1 || options.StalledResponseOverBudgetMilliseconds > options.ResponseStallSeconds * 1000)
        {
            problems.Add($"  KetCds:StalledResponseOverBudgetMilliseconds: must be between 1 and KetCds:ResponseStallSeconds in milliseconds; got {options.StalledResponseOverBudgetMilliseconds}");
        }

        if (options.StalledResponseBudgetBytes < 0 || options.StalledResponseConnectionBudgetBytes < 0)
        {
            problems.Add("  KetCds:StalledResponseBudgetBytes and KetCds:StalledResponseConnectionBudgetBytes: must not be negative");
        }

        var certificate = options.Tls.CertificatePath;
        if (certificate is not null && (certificate.Length == 0 || !File.Exists(certificate)))
        {
            problems.Add($"  KetCds:Tls:CertificatePath: no file at '{certificate}'");
        }

        if (options.ShutdownGraceSeconds is < 0 or > 3600)
        {
            problems.Add($"  KetCds:ShutdownGraceSeconds: must be between 0 and 3600; got {options.ShutdownGraceSeconds}");
        }

        ValidateAuth(options, problems);
        ValidateLimits(options.Limits, problems);
        ValidateExposure(options, problems);
        return problems;
    }

    private static void ValidateAuth(KetCdsOptions options, List<string> problems)
    {
        var auth = options.Auth;
        if (string.IsNullOrWhiteSpace(auth.EvaluateScope) || string.IsNullOrWhiteSpace(auth.ReadScope))
        {
            problems.Add("  KetCds:Auth:EvaluateScope / ReadScope: must not be empty");
        }

        var jwt = auth.Jwt;
        if (jwt.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(jwt.Issuer))
            {
                problems.Add("  KetCds:Auth:Jwt:Issuer: required when JWT bearer tokens are configured");
            }

            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                problems.Add("  KetCds:Auth:Jwt:Audience: required when JWT bearer tokens are configured");
            }

            if (jwt.JwksFile is null == jwt.Jwks is null)
            {
                problems.Add("  KetCds:Auth:Jwt: give exactly one of JwksFile (a JSON Web Key Set file) or Jwks (the key set inline)");
            }
            else if (jwt.JwksFile is not null && !File.Exists(jwt.JwksFile))
            {
                problems.Add($"  KetCds:Auth:Jwt:JwksFile: no file at '{jwt.JwksFile}'");
            }

            if (jwt.ClockSkewSeconds is < 0 or > 300)
            {
                problems.Add($"  KetCds:Auth:Jwt:ClockSkewSeconds: must be between 0 and 300; got {jwt.ClockSkewSeconds}");
            }
        }

        var certificates = auth.ClientCertificates;
        if (certificates.IsConfigured)
        {
            if (!File.Exists(certificates.CaFile))
            {
                problems.Add($"  KetCds:Auth:ClientCertificates:CaFile: no file at '{certificates.CaFile}'");
            }

            if (options.Tls.CertificatePath is null)
            {
                problems.Add("  KetCds:Auth:ClientCertificates: client certificates need TLS (KetCds:Tls:CertificatePath)");
            }
        }
        else if (certificates.Required)
        {
            problems.Add("  KetCds:Auth:ClientCertificates:Required: needs KetCds:Auth:ClientCertificates:CaFile");
        }
    }

    private static void ValidateLimits(LimitOptions limits, List<string> problems)
    {
        if (limits.CallsPerSecond is < 0 or > 10_000_000 || limits.Burst < 1 || limits.Burst > 10_000_000)
        {
            problems.Add($"  KetCds:Limits:CallsPerSecond / Burst: must be 0-10000000 and 1-10000000; got {limits.CallsPerSecond} / {limits.Burst}");
        }

        if (limits.MaxConcurrentCalls is < 0 or > 1_000_000 || limits.QueueLimit is < 0 or > 1_000_000)
        {
            problems.Add($"  KetCds:Limits:MaxConcurrentCalls / QueueLimit: must be 0-1000000; got {limits.MaxConcurrentCalls} / {limits.QueueLimit}");
        }

        if (limits.MaxStatusDetailsBytes is < 1024 or > 1024 * 1024 || limits.MaxStatusMessageLength is < 64 or > 64 * 1024)
        {
            problems.Add($"  KetCds:Limits:MaxStatusDetailsBytes / MaxStatusMessageLength: must be 1024-1048576 bytes and 64-65536 characters; got {limits.MaxStatusDetailsBytes} / {limits.MaxStatusMessageLength}");
        }
    }

    /// <summary>Refuses to serve beyond this machine without TLS and an authentication scheme, unless told to.</summary>
    private static void ValidateExposure(KetCdsOptions options, List<string> problems)
    {
        if (options.AllowInsecure || ParseHost(options.Host) is not { } address || IPAddress.IsLoopback(address))
        {
            return;
        }

        var missing = new List<string>();
        if (options.Tls.CertificatePath is null)
        {
            missing.Add("TLS (KetCds:Tls:CertificatePath)");
        }

        if (!options.Auth.AnyScheme)
        {
            missing.Add("an authentication scheme (KetCds:Auth:Jwt or KetCds:Auth:ClientCertificates)");
        }

        if (missing.Count > 0)
        {
            problems.Add(
                $"  KetCds:Host (--host): {options.Host} is reachable from other machines, and the server has no {string.Join(" and no ", missing)}. " +
                "Configure them (see the README's security section), bind 127.0.0.1, or pass --allow-insecure (KetCds:AllowInsecure=true) to serve it unprotected anyway.");
        }
    }
}
