using Grpc.Core;
using KetCds.Client;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>
/// A real server on 127.0.0.1 under TLS with bearer tokens and client certificates, called by real grpc-dotnet clients:
/// every method with each kind of bad or good credential ends with the expected gRPC status, and each call, allowed or
/// denied, leaves its audit record before the client sees the answer.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private TestPki? _pki;
    private TestTokens? _tokens;
    private TempRules? _rules;
    private RunningServer? _server;

    private TestPki Pki => _pki!;

    private TestTokens Tokens => _tokens!;

    private RunningServer Server => _server!;

    public async Task InitializeAsync()
    {
        _pki = TestPki.Create();
        _tokens = new TestTokens(_pki.Folder);
        _rules = TempRules.CopyOfShipped();
        _server = await RunningServer.StartAsync(_rules.Directory,
        [
            "--KetCds:Tls:CertificatePath", _pki.ServerPfx,
            "--KetCds:Auth:ClientCertificates:CaFile", _pki.CaPem,
            .. _tokens.ServerArgs,
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _rules?.Dispose();
        _tokens?.Dispose();
        _pki?.Dispose();
    }

    public static TheoryData<string> Methods() => [.. SecuredCalls.AllMethods];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_NoCredentials_IsUnauthenticatedAndAudited(string method) =>
        await ExpectAsync(method, token: null, StatusCode.Unauthenticated, subject: string.Empty);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_ExpiredToken_IsUnauthenticatedAndAudited(string method) =>
        await ExpectAsync(method, Tokens.Create("ketcds.evaluate ketcds.read", expiresIn: TimeSpan.FromMinutes(-5)), StatusCode.Unauthenticated, subject: string.Empty);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_WrongAudience_IsUnauthenticatedAndAudited(string method) =>
        await ExpectAsync(method, Tokens.Create("ketcds.evaluate ketcds.read", audience: "some-other-api"), StatusCode.Unauthenticated, subject: string.Empty);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_TokenSignedByAnotherKey_IsUnauthenticatedAndAudited(string method) =>
        await ExpectAsync(method, Tokens.Create("ketcds.evaluate ketcds.read", rogueKey: true), StatusCode.Unauthenticated, subject: string.Empty);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_TokenLackingTheMethodsScope_IsPermissionDeniedAndAudited(string method)
    {
        var otherScope = SecuredCalls.EvaluateMethods.Contains(method) ? "ketcds.read" : "ketcds.evaluate";
        await ExpectAsync(method, Tokens.Create(otherScope, subject: "reader-3"), StatusCode.PermissionDenied, subject: "token https://idp.test.invalid reader-3");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_TokenWithTheMethodsScope_IsAnsweredAndAudited(string method)
    {
        var scope = SecuredCalls.EvaluateMethods.Contains(method) ? "ketcds.evaluate" : "ketcds.read";
        await ExpectAsync(method, Tokens.Create(scope, subject: "clinician-7"), StatusCode.OK, subject: "token https://idp.test.invalid clinician-7");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_TrustedClientCertificate_IsAnsweredAndAudited(string method)
    {
        using var client = Client(Pki.Client);
        var status = await SecuredCalls.CallAsync(client, method, []);

        Assert.Equal(StatusCode.OK, status);
        var record = await AuditReader.LastAsync(Server.AuditFile);
        Assert.Equal("/ketcds.v1.DecisionSupportService/" + method, record.Method);
        Assert.Equal("OK", record.Status);
        Assert.Contains("CN=ehr-integration", record.Subject, StringComparison.Ordinal);
        Assert.Contains(Pki.Client.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), record.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_ClientCertificateFromAnotherCa_IsUnauthenticatedAndAudited(string method)
    {
        using var client = Client(Pki.UntrustedClient);
        var status = await SecuredCalls.CallAsync(client, method, []);

        Assert.Equal(StatusCode.Unauthenticated, status);
        var record = await AuditReader.LastAsync(Server.AuditFile);
        Assert.Equal("/ketcds.v1.DecisionSupportService/" + method, record.Method);
        Assert.Equal("Unauthenticated", record.Status);
    }

    [Fact]
    public async Task Health_NoCredentials_IsServing()
    {
        using var client = Client(certificate: null);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await client.CheckHealthAsync());
    }

    [Fact]
    public async Task Evaluate_AllowedCall_RecordsRequestHashRuleSetAndDecision()
    {
        using var client = Client(certificate: null);
        var request = new Contracts.V1.EvaluateRequest { RequestId = "hash-check", Patient = Patients.EligibleCrps() };
        var response = await client.EvaluateAsync(request, new CallOptions(SecuredCalls.Bearer(Tokens.Create("ketcds.evaluate"))));

        var record = await AuditReader.LastAsync(Server.AuditFile);
        Assert.Equal("hash-check", record.RequestId);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(request)), record.RequestSha256.ToArray());
        Assert.Equal($"{response.RuleSet.Name}@{response.RuleSet.Version}+{response.RuleSet.ContentSha256}", record.RuleSet);
        Assert.Equal("ELIGIBILITY_STATUS_" + response.Result.Eligibility.Status.ToString().ToUpperInvariant(), record.Decision[0]);
        Assert.Equal([.. response.Result.Routes.Select(r => r.Code), .. response.Result.RiskModifiers.Select(r => r.Code)], record.Decision.Skip(1));
        Assert.Null(record.RequestPayload);
    }

    [Fact]
    public async Task Reflection_NoCredentials_IsUnauthenticated()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(Server.Address, new Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = TrustingCa() },
        });
        var reflection = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = string.Empty });
            await call.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task Client_BearerTokenOption_SendsTheTokenAsCallCredentials()
    {
        using var client = new DecisionSupportClient(Server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            BearerToken = Tokens.Create("ketcds.read", subject: "option-user"),
            TrustedCertificateAuthorities = [Pki.Ca],
        });

        await client.GetRuleSetAsync();

        Assert.Equal("token https://idp.test.invalid option-user", (await AuditReader.LastAsync(Server.AuditFile)).Subject);
    }

    private async Task ExpectAsync(string method, string? token, StatusCode expected, string subject)
    {
        using var client = Client(certificate: null);
        var status = await SecuredCalls.CallAsync(client, method, SecuredCalls.Bearer(token));

        Assert.Equal(expected, status);
        var record = await AuditReader.LastAsync(Server.AuditFile);
        Assert.Equal("/ketcds.v1.DecisionSupportService/" + method, record.Method);
        Assert.Equal(expected.ToString(), record.Status);
        Assert.Equal(subject, record.Subject);
        Assert.StartsWith("127.0.0.1:", record.ClientAddress, StringComparison.Ordinal);
    }

    private DecisionSupportClient Client(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate) =>
        new(Server.Address, new DecisionSupportClientOptions
        {
            MaxRetries = 0,
            TrustedCertificateAuthorities = [Pki.Ca],
            ClientCertificates = certificate is null ? null : [certificate],
        });

    private System.Net.Security.SslClientAuthenticationOptions TrustingCa()
    {
        var options = new System.Net.Security.SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
            {
                TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
                RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            },
        };
        options.CertificateChainPolicy.CustomTrustStore.Add(Pki.Ca);
        return options;
    }
}
