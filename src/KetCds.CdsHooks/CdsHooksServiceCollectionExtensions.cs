using KetCds.CdsHooks.Internal.Auth;
using KetCds.CdsHooks.Internal.Http;
using Microsoft.AspNetCore.Authentication;
using KetCds.CdsHooks.Internal.Terminology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KetCds.CdsHooks;

/// <summary>Registers the CDS Hooks services; the host supplies an <see cref="ICdsDecisionSource"/>.</summary>
public static class CdsHooksServiceCollectionExtensions
{
    /// <summary>The named HttpClient used to fetch missing prefetch from EHR FHIR servers.</summary>
    public const string FhirClientName = "KetCds.CdsHooks.Fhir";

    /// <summary>Adds the processor, the hot-reloaded terminology map, CORS, feedback, call records and the EHR JWT scheme.</summary>
    public static IServiceCollection AddKetCdsHooks(this IServiceCollection services, Action<CdsHooksOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TerminologyMapStore>();
        services.AddHostedService(static sp => sp.GetRequiredService<TerminologyMapStore>());
        services.AddHttpClient(FhirClientName);
        services.AddSingleton(static sp =>
        {
            var store = sp.GetRequiredService<TerminologyMapStore>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var options = sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
            return new CdsHookProcessor(
                sp.GetRequiredService<ICdsDecisionSource>(),
                () => store.Current,
                () => factory.CreateClient(FhirClientName),
                sp.GetRequiredService<TimeProvider>(),
                options.FhirFetchBudget);
        });
        services.TryAddSingleton<ICdsFeedbackSink, LoggingFeedbackSink>();
        services.TryAddSingleton<ICdsCallRecorder, UnrecordedCalls>();
        services.AddSingleton<CdsHooksAuthorizer>();
        services.AddSingleton<JwksCache>();
        services.AddSingleton<JtiReplayCache>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CdsHooksJwtHandler>(CdsHooksAuthentication.Scheme, null);
        services.AddSingleton<CdsHooksEndpoints>();
        services.AddCors(cors => cors.AddPolicy(CdsHooksAuthentication.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "OPTIONS")
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders(CdsHooksEndpoints.RuleSetHeader, CdsHooksEndpoints.TerminologyHeader)));
        return services;
    }
}
