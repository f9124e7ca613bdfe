using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using KetCds.Cli.Tests.Support;
using KetCds.Server;
using KetCds.Server.Internal.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.Cli.Tests.Replay;

/// <summary><c>ketcds replay --server --token-file</c> against a real server that requires bearer tokens.</summary>
public sealed class ReplaySecuredServerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ketcds-cli-jwt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Replay_WithTokenFile_PassesAndWithoutIt_ExitsTwoUnauthenticated()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "cli-test" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "cli-test" });
        var jwks = Path.Combine(_folder, "jwks.json");
        File.WriteAllText(jwks, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        var tokenFile = Path.Combine(_folder, "token");
        File.WriteAllText(tokenFile, new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://idp.test.invalid",
            Audience = "ketcds",
            Subject = new ClaimsIdentity([new Claim("sub", "replay-bot"), new Claim("scope", "ketcds.evaluate ketcds.read")]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        }) + "\n");
        var app = KetCdsServer.Build(
        [
            "--rules", RepositoryPaths.Rules, "--host", "127.0.0.1", "--port", "0",
            "--KetCds:Audit:ConnectionString", "Data Source=" + Path.Combine(_folder, "audit.db"),
            "--KetCds:Auth:Jwt:Issuer", "https://idp.test.invalid", "--KetCds:Auth:Jwt:Audience", "ketcds", "--KetCds:Auth:Jwt:JwksFile", jwks,
        ], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(new StartupOutput(TextWriter.Null));
        });
        await using (app)
        {
            await app.StartAsync();
            var address = StartupAnnouncer.BoundAddress(app.Services.GetRequiredService<IServer>());
            var cases = Path.Combine(RepositoryPaths.Root, "tests", "cases", "safety");

            var denied = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", cases, "--server", address);
            // A token over cleartext is refused by the client unless asked; loopback h2c is the local test setup only.
            var allowed = await Support.Cli.RunAsync(RepositoryPaths.Root, "replay", cases, "--server", address, "--token-file", tokenFile, "--allow-token-over-plaintext");
            await app.StopAsync();

            Assert.Equal(2, denied.ExitCode);
            Assert.Contains("Unauthenticated", denied.Error, StringComparison.Ordinal);
            Assert.True(allowed.ExitCode == 0, allowed.ToString());
            Assert.Contains(" passed, 0 failed, 0 errors", allowed.Out, StringComparison.Ordinal);
        }
    }
}
