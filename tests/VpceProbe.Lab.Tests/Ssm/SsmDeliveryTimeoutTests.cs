using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Ssm;

/// <summary>The delivery timeout on fake time: no test waits the real 30+ seconds.</summary>
public class SsmDeliveryTimeoutTests(SharedMoto moto)
{
    [Fact]
    public async Task a_command_never_delivered_ends_timed_out_delivery_timed_out_after_timeout_plus_execution_timeout()
    {
        var time = TestGateway.FakeTime();
        var options = new GatewayOptions(FaultSettings.None, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500));
        await using var gateway = await TestGateway.StartAsync(moto.Server, options, time);
        using var ssm = gateway.Ssm();
        var id = await LabInstances.LaunchAsync(gateway, reachable: true);
        await Eventually.MatchAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return (await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest(), TestContext.Current.CancellationToken))
                .InstanceInformationList?.Any(n => n.InstanceId == id && n.PingStatus == PingStatus.Online) == true;
        }, online => online);

        gateway.Reachability.Set($"fake-{id}", false);
        time.Advance(TimeSpan.FromSeconds(5));
        await LabInstances.PingStatusAsync(ssm, id, PingStatus.ConnectionLost);
        var sent = await ssm.SendCommandAsync(new SendCommandRequest
        {
            InstanceIds = [id], DocumentName = "AWS-RunShellScript", TimeoutSeconds = 30,
            Parameters = new Dictionary<string, List<string>> { ["commands"] = ["echo never"], ["executionTimeout"] = ["5"] },
        }, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        var pending = await LabInstances.InvocationAsync(ssm, sent.Command.CommandId, id, r => r.StatusDetails != "InvocationDoesNotExist");
        Assert.Equal(CommandInvocationStatus.Pending, pending.Status);

        time.Advance(TimeSpan.FromSeconds(35));
        var ended = await LabInstances.InvocationAsync(ssm, sent.Command.CommandId, id, r => r.Status != CommandInvocationStatus.Pending);

        Assert.Equal(CommandInvocationStatus.TimedOut, ended.Status);
        Assert.Equal("DeliveryTimedOut", ended.StatusDetails);
    }
}
