using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KetCds.Server.Internal.Calls;
using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Tests.Internal.Calls;

public sealed class StatusSizeCapTests
{
    private static readonly LimitOptions Limits = new() { MaxStatusDetailsBytes = 2048, MaxStatusMessageLength = 100 };

    [Fact]
    public void Cap_SmallError_LeavesItAlone()
    {
        var error = Error(violations: 3, message: "the request has 3 invalid fields");

        Assert.Null(new StatusSizeCap(Limits).Cap(error));
    }

    [Fact]
    public void Cap_ThousandsOfViolations_KeepsWhatFitsAndCountsTheRest()
    {
        var capped = new StatusSizeCap(Limits).Cap(Error(violations: 5000, message: "the request has 5000 invalid fields"));

        Assert.NotNull(capped);
        var details = capped.Trailers.GetValueBytes("grpc-status-details-bin")!;
        Assert.True(details.Length <= Limits.MaxStatusDetailsBytes, $"{details.Length} bytes");
        var badRequest = Google.Rpc.Status.Parser.ParseFrom(details).Details.Single().Unpack<BadRequest>();
        var kept = badRequest.FieldViolations.Count - 1;
        Assert.True(kept > 10, $"only {kept} kept");
        Assert.Equal($"… and {5000 - kept} more violations not shown", badRequest.FieldViolations[^1].Description);
        Assert.Equal(StatusCode.InvalidArgument, capped.StatusCode);
    }

    [Fact]
    public void Cap_LongMessage_IsCut()
    {
        var capped = new StatusSizeCap(Limits).Cap(Error(violations: 1, message: new string('x', 5000)));

        Assert.NotNull(capped);
        Assert.Equal(Limits.MaxStatusMessageLength, capped.Status.Detail.Length);
    }

    private static RpcException Error(int violations, string message)
    {
        var badRequest = new BadRequest();
        for (var i = 0; i < violations; i++)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = $"patient.treatments_tried.trials[{i}].treatment", Description = "must be a known treatment" });
        }

        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message };
        status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }
}
