using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// A fleet on the real lab: 50 instances over three AZs, each AZ's private subnet behind its own NAT gateway.
/// Checks that every instance gets its namespace and its AZ's egress, and that all of it goes again. The time
/// the reconciles took is printed (bench/dataplane-fleet.sh shows it), never asserted.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class FleetLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task fifty_instances_in_three_azs_each_get_a_namespace_and_their_own_azs_nat_and_all_go_again()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var made = new LabResources(ec2);
        var instances = new List<string>();
        var timings = new List<string>();
        try
        {
            var vpc = walkthrough.Seeded.VpcId;
            var group = walkthrough.Seeded.Id("security-group", "twtech-private-sg");
            var subnets = new List<string> { walkthrough.Seeded.Id("subnet", "twtechPrivateSubnet") };
            foreach (var (zone, n) in new[] { ("us-east-1b", 3), ("us-east-1c", 5) })
            {
                var (_, _, privateSubnet) = await made.ZoneWithNatAsync(vpc, zone, $"10.0.{n}.0/24", $"10.0.{n + 1}.0/24", walkthrough.Seeded.Id("internet-gateway", "twtechIGW"));
                subnets.Add(privateSubnet);
            }

            var image = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [walkthrough.InstanceId] }, Ct)).Reservations[0].Instances[0].ImageId;
            var launch = Stopwatch.StartNew();
            foreach (var (subnet, count) in subnets.Zip(new[] { 16, 17, 17 }))
            {
                var run = await ec2.RunInstancesAsync(new RunInstancesRequest
                {
                    ImageId = image, InstanceType = InstanceType.T3Micro, MinCount = count, MaxCount = count, SubnetId = subnet, SecurityGroupIds = [group],
                }, Ct);
                instances.AddRange(run.Reservation.Instances.Select(i => i.InstanceId));
            }

            timings.Add($"RunInstances of 50 (3 calls, each reconciled before it returns): {launch.Elapsed.TotalSeconds:F1} s");
            var namespaces = (await InNamespace.HostAsync("ip netns list")).Output;
            // One instance per AZ, over its own AZ's NAT (the AZ's public subnet route is what makes that NAT work).
            var egress = await Task.WhenAll(instances.Where((_, i) => i is 0 or 20 or 40).Select(i => InNamespace.ShAsync(lab.InstanceNamespace(i), "curl -sS -o /dev/null -m 5 http://google.com/")));
            var endpoint = await InNamespace.ShAsync(lab.InstanceNamespace(instances[^1]), "curl -sS -o /dev/null -m 5 https://ssm.us-east-1.amazonaws.com/");

            Assert.All(instances, i => Assert.Contains(lab.InstanceNamespace(i), namespaces, StringComparison.Ordinal));
            Assert.Equal(3, namespaces.Split('\n').Count(l => l.StartsWith(lab.Names.Prefix + "nat-", StringComparison.Ordinal)));
            Assert.All(egress, e => Assert.True(e.ExitCode == 0, e.Output));
            Assert.True(endpoint.ExitCode == 0, endpoint.Output);
        }
        finally
        {
            var terminate = Stopwatch.StartNew();
            if (instances.Count > 0)
            {
                await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = instances }, CancellationToken.None);
            }

            timings.Add($"TerminateInstances of 50 (one call, reconciled): {terminate.Elapsed.TotalSeconds:F1} s");
            await made.DisposeAsync();
            Report(timings);
        }

        var left = (await InNamespace.HostAsync("ip netns list")).Output;
        Assert.DoesNotContain(instances, i => left.Contains(lab.InstanceNamespace(i), StringComparison.Ordinal));
        Assert.Equal(1, left.Split('\n').Count(l => l.StartsWith(lab.Names.Prefix + "nat-", StringComparison.Ordinal)));
    }

    /// <summary>Figures for people: the test output, and the file bench/dataplane-fleet.sh reads when it asks for one.</summary>
    private static void Report(List<string> timings)
    {
        foreach (var line in timings)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        if (Environment.GetEnvironmentVariable("VPCEPROBE_BENCH_OUT") is { Length: > 0 } file)
        {
            File.AppendAllLines(file, timings);
        }
    }
}
