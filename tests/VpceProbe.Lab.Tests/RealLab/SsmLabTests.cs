using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// Behaviour 6 on the real lab, as one story (the lab is shared, so it ends as it began): SSM through the
/// interface endpoints, through NAT once they are gone, ConnectionLost with neither, and a command that then
/// ends TimedOut / DeliveryTimedOut.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class SsmLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ssm_runs_commands_through_endpoints_or_nat_and_loses_the_instance_with_neither()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        var instance = walkthrough.InstanceId;
        var endpoints = walkthrough.Seeded.OfKind("endpoint").ToList();
        var recreate = await Walkthrough.DescribeEndpointsAsync(ec2, endpoints.Select(e => e.Id).ToList());
        try
        {
            // Through the interface endpoints only: no NAT route, the command still runs in the instance.
            await walkthrough.RemoveNatRouteAsync(ec2);
            Assert.StartsWith("10.0.", await LabInstances.RunShellAsync(ssm, instance, "getent hosts ssm.us-east-1.amazonaws.com"));

            // Through NAT: endpoints gone, names resolve public again.
            await walkthrough.RestoreNatRouteAsync(ec2);
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [.. endpoints.Select(e => e.Id)] }, Ct);
            Assert.StartsWith("198.51.100.", await LabInstances.RunShellAsync(ssm, instance, "getent hosts ssm.us-east-1.amazonaws.com"));

            // Neither: the agent loses SSM, and a command waits until it ends as AWS ends it.
            await walkthrough.RemoveNatRouteAsync(ec2);
            await LabInstances.PingStatusAsync(ssm, instance, PingStatus.ConnectionLost);
            var sent = await ssm.SendCommandAsync(new SendCommandRequest
            {
                InstanceIds = [instance], DocumentName = "AWS-RunShellScript", TimeoutSeconds = 30,
                Parameters = new Dictionary<string, List<string>> { ["commands"] = ["echo never"], ["executionTimeout"] = ["1"] },
            }, Ct);
            var waiting = await LabInstances.InvocationAsync(ssm, sent.Command.CommandId, instance, r => r.StatusDetails != "InvocationDoesNotExist");
            Assert.Equal(CommandInvocationStatus.Pending, waiting.Status);
            var ended = await Eventually.MatchAsync(
                async () => await LabInstances.InvocationAsync(ssm, sent.Command.CommandId, instance, _ => true),
                r => r.Status != CommandInvocationStatus.Pending,
                TimeSpan.FromSeconds(45));
            Assert.Equal((CommandInvocationStatus.TimedOut, "DeliveryTimedOut"), (ended.Status, ended.StatusDetails));
        }
        finally
        {
            await walkthrough.RestoreNatRouteAsync(ec2);
            await Walkthrough.RecreateEndpointsAsync(ec2, recreate);
            await LabInstances.PingStatusAsync(ssm, instance, PingStatus.Online);
        }
    }

    [Fact]
    public async Task what_a_command_writes_under_var_lib_stays_on_the_instance_disk_not_the_host()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ssm = lab.Ssm();
        var marker = $"vpceprobe-disk-test-{Guid.NewGuid():N}";
        var hostPath = Path.Combine("/var/lib", marker);

        await LabInstances.RunShellAsync(ssm, walkthrough.InstanceId, $"mkdir -p /var/lib/{marker} && echo instance-only > /var/lib/{marker}/file");
        var readBack = await LabInstances.RunShellAsync(ssm, walkthrough.InstanceId, $"cat /var/lib/{marker}/file");

        // The instance keeps its own /var/lib across commands (so an installed agent stays installed), the host never sees it.
        Assert.Equal("instance-only", readBack.Trim());
        Assert.False(Directory.Exists(hostPath), $"{hostPath} leaked onto the host");
        Assert.True(File.Exists(Path.Combine(lab.Names.StateDirectory, "disks", lab.InstanceNamespace(walkthrough.InstanceId), "upper", marker, "file")));
    }
}
