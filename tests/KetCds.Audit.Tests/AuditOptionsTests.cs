using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KetCds.Audit.Tests;

public sealed class AuditOptionsTests
{
    [Fact]
    public void FromConfiguration_NoSection_DefaultsToSqliteFailClosedNoPayloads()
    {
        var options = AuditOptions.FromConfiguration(Configuration());

        Assert.Equal(AuditOptions.DefaultConnectionString, options.ConnectionString);
        Assert.True(options.FailClosed);
        Assert.False(options.StorePayloads);
        Assert.Equal(TimeSpan.FromDays(30), options.EffectivePayloadRetention);
    }

    [Fact]
    public void FromConfiguration_AllSettings_AreRead()
    {
        var options = AuditOptions.FromConfiguration(Configuration(
            ("Audit:ConnectionString", "Host=127.0.0.1;Database=audit"),
            ("Audit:StorePayloads", "true"),
            ("Audit:PayloadRetention", "7.00:00:00"),
            ("Audit:FailClosed", "false"),
            ("Audit:MaxBatch", "32")));

        Assert.Equal(new AuditOptions("Host=127.0.0.1;Database=audit", true, TimeSpan.FromDays(7), false, 32), options);
    }

    [Theory]
    [InlineData("Audit:StorePayloads", "yes", "Audit:StorePayloads: expected true or false, got 'yes'")]
    [InlineData("Audit:PayloadRetention", "a week", "Audit:PayloadRetention: expected a time span")]
    [InlineData("Audit:PayloadRetention", "-1.00:00:00", "Audit:PayloadRetention: must be positive")]
    [InlineData("Audit:MaxBatch", "0", "Audit:MaxBatch: must be between 1 and 10000")]
    public void FromConfiguration_BadValue_NamesTheSetting(string key, string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => AuditOptions.FromConfiguration(Configuration((key, value))));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password=secret;Timeout=5", "names neither a SQLite file")]
    [InlineData("Data Source=:memory:", "must be a file")]
    [InlineData("Host=127.0.0.1;Port=notaport", "not a valid PostgreSQL connection string")]
    public void Create_UnusableConnectionString_NamesTheSettingWithoutQuotingIt(string connectionString, string message)
    {
        var error = Assert.Throws<FormatException>(() => AuditTrailFactory.Create(new AuditOptions(connectionString), TimeProvider.System));

        Assert.StartsWith("Audit:ConnectionString: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAuditTrail_Configured_ResolvesOneWorkingTrail()
    {
        var path = Path.Combine(Path.GetTempPath(), "ketcds-audit-di-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var services = new ServiceCollection().AddAuditTrail(Configuration(("Audit:ConnectionString", $"Data Source={path}")));
            await using var provider = services.BuildServiceProvider();

            var trail = provider.GetRequiredService<IAuditTrail>();
            var record = await trail.AppendAsync(Support.Entries.Make(1));

            Assert.Same(trail, provider.GetRequiredService<IAuditTrail>());
            Assert.Equal(1, record.Sequence);
            Assert.True(provider.GetRequiredService<AuditOptions>().FailClosed);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
