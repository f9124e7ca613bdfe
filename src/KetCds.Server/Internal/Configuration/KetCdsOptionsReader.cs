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
    };

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

        return problems;
    }
}
