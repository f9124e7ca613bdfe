using KetCds.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KetCds.Server.Tests.Internal.Hosting;

/// <summary>Kestrel schedules inline only when the runtime's inline-completions switch is on (a latency-first deployment).</summary>
public sealed class InlineSchedulingTests
{
    [Fact]
    public async Task Build_InlineCompletionsSwitchOn_KestrelSchedulesInline()
    {
        using var rules = TempRules.CopyOfShipped();

        // The same key DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 gives, without setting the process's environment.
        await using var app = KetCdsServer.Build(["--rules", rules.Directory, "--port", "0", $"--{KetCdsServer.InlineCompletionsKey}=1"]);

        Assert.True(app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }

    [Fact]
    public async Task Build_InlineCompletionsSwitchOff_KestrelSchedulesOnTheThreadPool()
    {
        using var rules = TempRules.CopyOfShipped();

        // Said explicitly, as the command line outranks the environment: the suite also runs with the switch on.
        await using var app = KetCdsServer.Build(["--rules", rules.Directory, "--port", "0", $"--{KetCdsServer.InlineCompletionsKey}=0"]);

        Assert.False(app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }
}
