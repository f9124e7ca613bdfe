namespace KetCds.Protocol.Tests;

public sealed class GrpcExceptionTests
{
    [Fact]
    public void Constructor_StatusOk_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrpcException(GrpcStatusCode.OK, "fine"));

    [Fact]
    public void Constructor_UndefinedCode_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrpcException((GrpcStatusCode)42, "odd"));

    [Fact]
    public void InvalidArgument_NoViolations_Rejected() =>
        Assert.Throws<ArgumentException>(() => GrpcException.InvalidArgument("bad", []));

    [Fact]
    public void StatusCode_AllSeventeenCodes_HaveWireValues() =>
        Assert.Equal(Enumerable.Range(0, 17), Enum.GetValues<GrpcStatusCode>().Select(c => (int)c));
}
