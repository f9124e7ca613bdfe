using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using KetCds.Client.Internal.Http;
using KetCds.Contracts.V1;

namespace KetCds.Client.Tests.Internal.Http;

public sealed class StatusDetailsParserTests
{
    [Fact]
    public void TryParse_UnpaddedBase64Status_ReturnsStatusAndViolations()
    {
        var status = new Google.Rpc.Status { Code = 3, Message = "invalid" };
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "patient.pain_severity_nrs", Description = "must be 0-10" });
        status.Details.Add(Any.Pack(badRequest));
        var header = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');

        var parsed = StatusDetailsParser.TryParse(header);

        Assert.Equal(status, parsed);
        var violation = Assert.Single(StatusDetailsParser.FieldViolations(parsed));
        Assert.Equal(new FieldViolationDetail("patient.pain_severity_nrs", "must be 0-10"), violation);
    }

    [Fact]
    public void FieldViolations_ValidationFailureDetail_IsReadToo()
    {
        var failure = new ValidationFailure();
        failure.Violations.Add(new FieldViolation { Field = "patient", Description = "is required" });
        var status = new Google.Rpc.Status { Code = 3 };
        status.Details.Add(Any.Pack(new LocalizedMessage { Locale = "en", Message = "unrelated" }));
        status.Details.Add(Any.Pack(failure));

        Assert.Equal([new FieldViolationDetail("patient", "is required")], StatusDetailsParser.FieldViolations(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("/w")]
    public void TryParse_MissingOrCorrupt_ReturnsNull(string? header)
    {
        Assert.Null(StatusDetailsParser.TryParse(header));
    }
}
