using KetCds.Server.Internal.Configuration;
using Microsoft.Extensions.Configuration;

namespace KetCds.Server.Tests.Internal.Configuration;

public sealed class KetCdsOptionsReaderTests
{
    [Fact]
    public void Read_NothingConfigured_UsesTheContractDefaults()
    {
        var options = KetCdsOptionsReader.Read(new ConfigurationBuilder().Build());

        Assert.Equal("rules", options.Rules);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(50051, options.Port);
        Assert.Equal(4194304, options.MaxMessageBytes);
        Assert.Equal(30, options.MaxDeadlineSeconds);
        Assert.Equal(250, options.ReloadDebounceMilliseconds);
        Assert.Null(options.Tls.CertificatePath);
    }

    [Fact]
    public void Read_CommandLineSwitches_MapOntoTheKetCdsKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(["--rules", "/srv/rules", "--port", "0", "--host", "::1", "--KetCds:MaxDeadlineSeconds", "5"],
                KetCdsOptionsReader.SwitchMappings.ToDictionary())
            .Build();

        var options = KetCdsOptionsReader.Read(configuration);

        Assert.Equal("/srv/rules", options.Rules);
        Assert.Equal(0, options.Port);
        Assert.Equal("::1", options.Host);
        Assert.Equal(5, options.MaxDeadlineSeconds);
    }

    [Fact]
    public void Read_SeveralBadValues_NamesEveryKeyAndValue()
    {
        var configuration = Config(("KetCds:Port", "70000"), ("KetCds:Host", "example.org"), ("KetCds:ReloadDebounceMilliseconds", "-1"),
            ("KetCds:Tls:CertificatePath", "/no/such/cert.pfx"));

        var ex = Assert.Throws<KetCdsConfigurationException>(() => KetCdsOptionsReader.Read(configuration));

        Assert.Contains("KetCds:Port (--port): must be between 0 and 65535 (0 picks a free port); got 70000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KetCds:Host (--host)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'example.org'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KetCds:ReloadDebounceMilliseconds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KetCds:Tls:CertificatePath: no file at '/no/such/cert.pfx'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericPort_NamesTheKey()
    {
        var ex = Assert.Throws<KetCdsConfigurationException>(() => KetCdsOptionsReader.Read(Config(("KetCds:Port", "fifty"))));

        Assert.Contains("KetCds:Port", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    public void ParseHost_AcceptedForms_GiveTheAddressToBind(string host, string expected) =>
        Assert.Equal(expected, KetCdsOptionsReader.ParseHost(host)?.ToString());

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
