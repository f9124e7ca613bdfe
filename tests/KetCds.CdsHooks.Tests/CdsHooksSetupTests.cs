using System.Net;
using KetCds.Server.Internal.CdsHooks;
using KetCds.Server.Internal.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks.Tests;

/// <summary>Anonymous hook calls are local development only: loopback and no EHR configured.</summary>
public sealed class CdsHooksSetupTests
{
    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("10.1.2.3", false, false)]
    [InlineData("0.0.0.0", false, false)]
    [InlineData("127.0.0.1", true, false)]
    public void Add_BindAddressAndEhrs_AllowAnonymousOnlyOnLoopbackWithoutEhrs(string address, bool ehrConfigured, bool anonymous)
    {
        string[] args = ehrConfigured ? ["--KetCds:CdsHooks:Ehrs:0:Issuer", "https://ehr.example.org", "--KetCds:CdsHooks:Ehrs:0:JwksUrl", "https://ehr.example.org/jwks"] : [];
        var builder = WebApplication.CreateBuilder(args);
        CdsHooksSetup.Add(builder, new KetCdsOptions(), IPAddress.Parse(address), certificate: null);
        using var services = builder.Services.BuildServiceProvider();
        Assert.Equal(anonymous, services.GetRequiredService<IOptions<CdsHooksOptions>>().Value.AllowAnonymous);
    }
}
