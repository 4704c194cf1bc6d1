using Amazon.EC2.Model;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// `accept` against moto (the AWS side: discovery, the instances chosen, the derived plan and its reasons) and
/// its refusals. moto moves no packets, and the derived probes name real AWS hosts, so the agent is not run
/// here: the run itself is the lab's test (Cli/AcceptLabTests, root).
/// </summary>
public class AcceptCommandTests(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task dry_run_prints_each_chosen_instances_plan_with_the_endpoint_or_route_table_behind_each_probe()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var gateway = await vpc.Seed.GatewayEndpointAsync("s3", [vpc.PrivateTable]);

        var run = await CliRun.InvokeAsync(["accept", "--vpc", vpc.VpcId, "--dry-run", "--egress-host", "example.com", "--bucket", WalkthroughVpc.Bucket, .. moto.CliArgs]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        Assert.Contains($"{vpc.InstanceId} in {vpc.PrivateSubnetA} (us-east-1a), route table {vpc.PrivateTable}", run.Output, StringComparison.Ordinal);
        foreach (var probe in new[] { "dns-ssm", "tcp-ssm", "dns-ssmmessages", "tcp-ec2messages", "s3-gateway", "sts", "egress", "s3-bucket" })
        {
            Assert.Contains($"  {probe} ", run.Output, StringComparison.Ordinal);
        }

        Assert.Contains($"gateway endpoint {gateway} (s3) is on route table {vpc.PrivateTable}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"route table {vpc.PrivateTable} sends 0.0.0.0/0 to {vpc.NatGatewayId}: example.com must be reachable", run.Output, StringComparison.Ordinal);
        Assert.Contains($"subnet {vpc.PrivateSubnetB} (us-east-1b): no running SSM-managed instance, not checked", run.Output, StringComparison.Ordinal);
        Assert.Contains("no instance was contacted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_vpc_is_found_by_its_name_tag_and_per_az_covers_each_zone_once()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var name = $"accept-{Guid.NewGuid():N}";
        await moto.Clients.Ec2().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("Name", name)] }, Ct);
        var second = await vpc.Seed.InstanceAsync(vpc.PrivateSubnetA);

        var run = await CliRun.InvokeAsync(["accept", "--vpc-name", name, "--per-az", "--dry-run", .. moto.CliArgs]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        var first = string.CompareOrdinal(vpc.InstanceId, second) < 0 ? vpc.InstanceId : second;
        Assert.Single(run.Output.Split('\n'), l => l.StartsWith("i-", StringComparison.Ordinal));
        Assert.Contains($"{first} in {vpc.PrivateSubnetA}", run.Output, StringComparison.Ordinal);
        Assert.Contains("AZ us-east-1b: no running SSM-managed instance", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task plan_file_probes_run_after_the_derived_ones_and_a_clashing_id_is_refused()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var dir = Directory.CreateTempSubdirectory("vpceprobe-accept-").FullName;
        var extra = Path.Combine(dir, "extra.json");
        await File.WriteAllTextAsync(extra, """{"schemaVersion":1,"probes":[{"id":"app-health","kind":"tcp","host":"10.0.2.20","port":8080,"expect":"reachable"}]}""", Ct);
        var clash = Path.Combine(dir, "clash.json");
        await File.WriteAllTextAsync(clash, """{"schemaVersion":1,"probes":[{"id":"sts","kind":"sts","expect":"allowed"}]}""", Ct);

        var ok = await CliRun.InvokeAsync(["accept", "--vpc", vpc.VpcId, "--dry-run", "--plan", extra, .. moto.CliArgs]);
        var refused = await CliRun.InvokeAsync(["accept", "--vpc", vpc.VpcId, "--dry-run", "--plan", clash, .. moto.CliArgs]);

        Assert.True(ok.ExitCode == ExitCodes.Success, ok.Output + ok.Error);
        Assert.Contains("why: from --plan extra.json", ok.Output, StringComparison.Ordinal);
        Assert.True(ok.Output.IndexOf("app-health", StringComparison.Ordinal) > ok.Output.IndexOf("  sts ", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("probe ids sts are also derived", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { }, "--vpc ID or --vpc-name NAME")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0", "--vpc-name", "x" }, "one of them")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0; rm -rf /" }, "is not a VPC id")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0", "--egress-host", "http://example.com/x" }, "--egress-host")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0", "--bucket", "Not_A_Bucket" }, "--bucket")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0", "--compare", "/nonexistent/saved.json" }, "save a matrix first")]
    [InlineData(new[] { "--vpc", "vpc-0123456789abcdef0", "--transport", "ssm" }, "--staging-bucket")]
    public async Task a_bad_command_line_is_refused_before_any_aws_call(string[] args, string message)
    {
        // Port 9 (discard) is never answered: a call made would fail as exit 3, not 2.
        var run = await CliRun.InvokeAsync(["accept", .. args, "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.Output + run.Error);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_vpc_is_a_usage_error_naming_it()
    {
        var run = await CliRun.InvokeAsync(["accept", "--vpc", "vpc-0000000000000dead", "--dry-run", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("vpc-0000000000000dead", run.Error, StringComparison.Ordinal);
    }
}
