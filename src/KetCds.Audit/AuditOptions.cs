using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace KetCds.Audit;

/// <summary>Audit trail settings, read from the <c>Audit</c> configuration section.</summary>
/// <param name="ConnectionString">Chooses the store: SQLite when it names a <c>Data Source</c>, PostgreSQL when it names a <c>Host</c>.</param>
/// <param name="StorePayloads">Whether full request and response bytes are stored (off by default).</param>
/// <param name="PayloadRetention">How long stored payloads are kept before pruning removes them (hashes stay).</param>
/// <param name="FailClosed">Whether a caller must refuse to answer when the trail cannot be written (the default).</param>
/// <param name="MaxBatch">The most appends committed together in one transaction (group commit).</param>
/// <param name="CreateIfMissing">Whether a missing SQLite file is created (a server) or reported as an error (a verifier reading an existing trail).</param>
public sealed record AuditOptions(
    string ConnectionString,
    bool StorePayloads = false,
    TimeSpan? PayloadRetention = null,
    bool FailClosed = true,
    int MaxBatch = 256,
    bool CreateIfMissing = true)
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string Section = "Audit";

    /// <summary>The SQLite file used when no connection string is configured, relative to the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=ketcds-audit.db";

    /// <summary>The payload retention used when none is configured.</summary>
    public static readonly TimeSpan DefaultPayloadRetention = TimeSpan.FromDays(30);

    /// <summary>The effective payload retention.</summary>
    public TimeSpan EffectivePayloadRetention => PayloadRetention ?? DefaultPayloadRetention;

    /// <summary>Reads the <c>Audit</c> section of <paramref name="configuration"/>; throws <see cref="FormatException"/> naming the bad setting.</summary>
    public static AuditOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var connection = section[nameof(ConnectionString)];
        var options = new AuditOptions(
            string.IsNullOrWhiteSpace(connection) ? DefaultConnectionString : connection,
            Bool(section, nameof(StorePayloads), false),
            Span(section, nameof(PayloadRetention)),
            Bool(section, nameof(FailClosed), true),
            Int(section, nameof(MaxBatch), 256));
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="FormatException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new FormatException($"{Section}:{nameof(ConnectionString)}: must not be empty");
        }

        if (MaxBatch is < 1 or > 10_000)
        {
            throw new FormatException($"{Section}:{nameof(MaxBatch)}: must be between 1 and 10000, got {MaxBatch}");
        }

        if (PayloadRetention is { } retention && retention <= TimeSpan.Zero)
        {
            throw new FormatException($"{Section}:{nameof(PayloadRetention)}: must be positive, got {retention}");
        }
    }

    private static bool Bool(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new FormatException($"{Section}:{key}: expected true or false, got '{text}'");
    }

    private static int Int(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{Section}:{key}: expected an integer, got '{text}'");
    }

    private static TimeSpan? Span(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{Section}:{key}: expected a time span such as 30.00:00:00, got '{text}'");
    }
}
