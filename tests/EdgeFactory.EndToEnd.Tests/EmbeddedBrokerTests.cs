using System.Net;
using System.Net.Sockets;
using EdgeFactory.Mqtt;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task BrokerRun_ParentKilled_BrokerDoesNotOutliveIt()
    {
        await using var cli = CliProcess.Start("broker", "run");
        var url = MqttBrokerAddress.Parse((await cli.WaitForLineAsync("ready ")).Split(' ')[1]);
        Assert.True(await AcceptsAsync(url.Port));

        await cli.KillAsync();

        await Testing.Eventually.TrueAsync(() => !AcceptsAsync(url.Port).GetAwaiter().GetResult(), "the broker to stop after its parent was killed");
    }

    [Fact]
    public async Task Demo_RunsEndToEnd_AndPasses()
    {
        var (code, output, error) = await CliProcess.RunAsync("demo", "--duration", "1s");

        Assert.True(code == 0, $"demo exited {code}\n{output}\n{error}");
        Assert.Contains("demo passed", output, StringComparison.Ordinal);
        Assert.Contains("robots online: all", output, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
