using Grpc.Core;
using KetCds.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Security;

/// <summary>Makes one call of a named decision-support method and returns the status it ended with.</summary>
internal static class SecuredCalls
{
    public static readonly string[] EvaluateMethods = ["Evaluate", "EvaluateBatch"];
    public static readonly string[] ReadMethods = ["GetRuleSet", "ListRules", "GetSourceCatalog"];
    public static readonly string[] AllMethods = [.. EvaluateMethods, .. ReadMethods];

    public static Metadata Bearer(string? token) => token is null ? [] : new Metadata { { "authorization", "Bearer " + token } };

    public static async Task<StatusCode> CallAsync(DecisionSupportClient client, string method, Metadata headers)
    {
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(30));
        try
        {
            switch (method)
            {
                case "Evaluate":
                    await client.EvaluateAsync(new EvaluateRequest { RequestId = "sec-" + Guid.NewGuid().ToString("N"), Patient = Patients.EligibleCrps() }, options);
                    break;
                case "EvaluateBatch":
                    await foreach (var _ in client.EvaluateBatchAsync(OneItem(), options))
                    {
                    }

                    break;
                case "GetRuleSet":
                    await client.GetRuleSetAsync(options);
                    break;
                case "ListRules":
                    await client.ListRulesAsync(options);
                    break;
                case "GetSourceCatalog":
                    await client.GetSourceCatalogAsync(options);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(method), method, "not a decision-support method");
            }

            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> OneItem()
    {
        await Task.Yield();
        yield return new EvaluateBatchRequest { CaseId = "batch-item-1", Patient = Patients.EligibleCrps() };
    }
}
