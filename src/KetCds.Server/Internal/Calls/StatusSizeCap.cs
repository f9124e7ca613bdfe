using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// Keeps error metadata small: a <c>grpc-message</c> longer than the limit is cut, and a <c>grpc-status-details-bin</c>
/// larger than its limit keeps the field violations that fit plus one saying how many were left out. Clients (grpcio's
/// default is 8 KiB of metadata) then still see INVALID_ARGUMENT instead of a transport error, and one request cannot make
/// the server build megabytes of trailers.
/// </summary>
internal sealed class StatusSizeCap(LimitOptions limits)
{
    private const string DetailsKey = "grpc-status-details-bin";

    /// <summary>A smaller copy of <paramref name="error"/>, or null when it is within the limits.</summary>
    public RpcException? Cap(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Status.Detail ?? string.Empty;
        var details = error.Trailers.GetValueBytes(DetailsKey);
        var messageTooLong = message.Length > limits.MaxStatusMessageLength;
        var detailsTooLarge = details is not null && details.Length > limits.MaxStatusDetailsBytes;
        if (!messageTooLong && !detailsTooLarge)
        {
            return null;
        }

        if (messageTooLong)
        {
            message = string.Concat(message.AsSpan(0, limits.MaxStatusMessageLength - 1), "…");
        }

        var trailers = new Metadata();
        foreach (var entry in error.Trailers)
        {
            if (!string.Equals(entry.Key, DetailsKey, StringComparison.Ordinal))
            {
                trailers.Add(entry);
            }
        }

        if (details is not null)
        {
            var shrunk = detailsTooLarge ? Shrink(details) : details;
            if (shrunk is not null)
            {
                trailers.Add(DetailsKey, shrunk);
            }
        }

        return new RpcException(new Grpc.Core.Status(error.StatusCode, message), trailers);
    }

    private byte[]? Shrink(byte[] details)
    {
        Google.Rpc.Status status;
        try
        {
            status = Google.Rpc.Status.Parser.ParseFrom(details);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var budget = limits.MaxStatusDetailsBytes - 256;
        var kept = new Google.Rpc.Status { Code = status.Code, Message = Truncate(status.Message) };
        var left = 0;
        foreach (var any in status.Details)
        {
            if (any.TryUnpack<BadRequest>(out var badRequest))
            {
                var fitted = new BadRequest();
                var size = kept.CalculateSize();
                foreach (var violation in badRequest.FieldViolations)
                {
                    var cost = violation.CalculateSize() + 8;
                    if (size + cost > budget)
                    {
                        left++;
                        continue;
                    }

                    fitted.FieldViolations.Add(violation);
                    size += cost;
                }

                if (left > 0)
                {
                    fitted.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = string.Empty, Description = $"… and {left} more violations not shown" });
                }

                kept.Details.Add(Any.Pack(fitted));
            }
            else if (kept.CalculateSize() + any.CalculateSize() <= budget)
            {
                kept.Details.Add(any);
            }
        }

        return kept.ToByteArray();
    }

    private string Truncate(string text) =>
        text.Length <= limits.MaxStatusMessageLength ? text : string.Concat(text.AsSpan(0, limits.MaxStatusMessageLength - 1), "…");
}
