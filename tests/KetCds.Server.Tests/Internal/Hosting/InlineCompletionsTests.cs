using KetCds.Server.Internal.Hosting;

namespace KetCds.Server.Tests.Internal.Hosting;

/// <summary>
/// The server turns the runtime's inline socket completions on unless the operator's environment already says. These
/// tests change this process's variable and put it back; the runtime read it long before, so nothing else notices.
/// </summary>
public sealed class InlineCompletionsTests
{
    [Fact]
    public void DefaultOn_VariableUnset_SetsItToOne()
    {
        var before = Environment.GetEnvironmentVariable(InlineCompletions.Variable);
        try
        {
            Environment.SetEnvironmentVariable(InlineCompletions.Variable, null);

            InlineCompletions.DefaultOn();

            Assert.Equal("1", Environment.GetEnvironmentVariable(InlineCompletions.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(InlineCompletions.Variable, before);
        }
    }

    [Fact]
    public void DefaultOn_OperatorSetZero_LeavesCompletionsOnThePool()
    {
        var before = Environment.GetEnvironmentVariable(InlineCompletions.Variable);
        try
        {
            Environment.SetEnvironmentVariable(InlineCompletions.Variable, "0");

            InlineCompletions.DefaultOn();

            Assert.Equal("0", Environment.GetEnvironmentVariable(InlineCompletions.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(InlineCompletions.Variable, before);
        }
    }
}
