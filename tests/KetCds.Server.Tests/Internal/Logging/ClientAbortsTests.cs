using KetCds.Server.Internal.Logging;

namespace KetCds.Server.Tests.Internal.Logging;

public sealed class ClientAbortsTests
{
    [Fact]
    public async Task IsClientAbort_ReadFailureOfADroppedConnection_True()
    {
        var failure = await AbandonedRequests.ReadFailureAsync();

        Assert.True(ClientAborts.IsClientAbort(failure), failure.ToString());
    }

    [Fact]
    public void IsClientAbort_NoException_False() => Assert.False(ClientAborts.IsClientAbort(null));

    [Fact]
    public void IsClientAbort_IOExceptionNeverThrown_False() => Assert.False(ClientAborts.IsClientAbort(new IOException("reset")));

    [Fact]
    public void IsClientAbort_IOExceptionThrownOutsideTheRequestRead_False()
    {
        try
        {
            throw new IOException("The request stream was aborted.");
        }
        catch (IOException ex)
        {
            Assert.False(ClientAborts.IsClientAbort(ex));
        }
    }

    [Fact]
    public void IsClientAbort_OtherExceptionType_False()
    {
        try
        {
            throw new InvalidOperationException("Grpc.AspNetCore.Server.Internal.PipeExtensions.ReadSingleMessageAsync");
        }
        catch (InvalidOperationException ex)
        {
            Assert.False(ClientAborts.IsClientAbort(ex));
        }
    }
}
