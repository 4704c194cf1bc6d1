using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// The SSM control path by agent version on the real lab: without a NAT route and without the ec2messages endpoint,
/// an instance whose agent is older than 3.3.40.0 loses SSM, while a current one (the walkthrough's, the lab default)
/// keeps taking commands through ssmmessages. The shared lab ends as it began.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class SsmAgentVersionLabTests(SharedLab lab)
{
    private const string OldAgent = "3.2.582.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task without_ec2messages_an_agent_before_3_3_40_loses_ssm_and_a_current_one_does_not()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        var current = walkthrough.InstanceId;
        var image = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [current] }, Ct)).Reservations.Single().Instances.Single().ImageId;
        var old = await walkthrough.LaunchBesideAsync(ec2, image, new Dictionary<string, string> { [LabInstance.AgentVersionTag] = OldAgent });
        // By service: other tests of the shared lab recreate the seeded endpoints under new ids.
        var recreate = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest(), Ct)).VpcEndpoints
            .Where(e => e.ServiceName == $"com.amazonaws.{lab.Region}.{SsmControlPath.Ec2Messages}").ToList();
        var ec2Messages = Assert.Single(recreate).VpcEndpointId;
        try
        {
            var oldNode = await LabInstances.PingStatusAsync(ssm, old, PingStatus.Online);
            var currentNode = await LabInstances.PingStatusAsync(ssm, current, PingStatus.Online);
            Assert.Equal((OldAgent, SsmControlPath.DefaultLabAgentVersion), (oldNode!.AgentVersion, currentNode!.AgentVersion));

            await walkthrough.RemoveNatRouteAsync(ec2);
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [ec2Messages] }, Ct);
            await LabInstances.PingStatusAsync(ssm, old, PingStatus.ConnectionLost);

            Assert.Equal(PingStatus.Online, (await LabInstances.NodeAsync(ssm, current))!.PingStatus);
            Assert.Equal("through ssmmessages", (await Fakes.LabInstances.RunShellAsync(ssm, current, "echo through ssmmessages")).Trim());
        }
        finally
        {
            await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [old] }, Ct);
            await walkthrough.RestoreNatRouteAsync(ec2);
            await Walkthrough.RecreateEndpointsAsync(ec2, recreate);
            await LabInstances.PingStatusAsync(ssm, current, PingStatus.Online);
        }
    }
}
