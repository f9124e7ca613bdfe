namespace KetCds.Client.Tests;

public sealed class DecisionSupportClientOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new DecisionSupportClientOptions().Validate();
    }

    public static TheoryData<DecisionSupportClientOptions, string> InvalidOptions => new()
    {
        { new DecisionSupportClientOptions { DefaultDeadline = TimeSpan.Zero }, "DefaultDeadline" },
        { new DecisionSupportClientOptions { MaxReceiveMessageSize = 0 }, "MaxReceiveMessageSize" },
        { new DecisionSupportClientOptions { MaxRetries = -1 }, "MaxRetries" },
        { new DecisionSupportClientOptions { MaxRetries = 5 }, "MaxRetries" },
        { new DecisionSupportClientOptions { BaseDelay = TimeSpan.Zero }, "BaseDelay" },
        { new DecisionSupportClientOptions { BaseDelay = TimeSpan.FromSeconds(-1) }, "BaseDelay" },
        { new DecisionSupportClientOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) }, "MaxDelay" },
        { new DecisionSupportClientOptions { BreakerFailureRatio = 0 }, "BreakerFailureRatio" },
        { new DecisionSupportClientOptions { BreakerFailureRatio = 1.5 }, "BreakerFailureRatio" },
        { new DecisionSupportClientOptions { BreakerMinimumThroughput = 1 }, "BreakerMinimumThroughput" },
        { new DecisionSupportClientOptions { BreakerSamplingDuration = TimeSpan.FromMilliseconds(100) }, "BreakerSamplingDuration" },
        { new DecisionSupportClientOptions { BreakerBreakDuration = TimeSpan.FromMilliseconds(100) }, "BreakerBreakDuration" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_OutOfRange_ThrowsNamingTheOption(DecisionSupportClientOptions options, string option)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
