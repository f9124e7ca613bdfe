using Google.Protobuf;
using Google.Rpc;
using KetCds.Contracts.V1;

namespace KetCds.Client.Internal.Http;

/// <summary>Reads the rich error model from <c>grpc-status-details-bin</c> and the field violations it carries.</summary>
internal static class StatusDetailsParser
{
    public static Google.Rpc.Status? TryParse(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return null;
        }

        var bytes = Base64Metadata.TryDecode(headerValue);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    public static IReadOnlyList<FieldViolationDetail> FieldViolations(Google.Rpc.Status? status)
    {
        if (status is null || status.Details.Count == 0)
        {
            return [];
        }

        var violations = new List<FieldViolationDetail>();
        foreach (var detail in status.Details)
        {
            try
            {
                if (detail.TryUnpack<BadRequest>(out var badRequest))
                {
                    violations.AddRange(badRequest.FieldViolations.Select(v => new FieldViolationDetail(v.Field, v.Description)));
                }
                else if (detail.TryUnpack<ValidationFailure>(out var failure))
                {
                    violations.AddRange(failure.Violations.Select(v => new FieldViolationDetail(v.Field, v.Description)));
                }
            }
            catch (InvalidProtocolBufferException)
            {
                // A corrupt detail must not hide the status itself; skip it.
            }
        }

        return violations;
    }
}
