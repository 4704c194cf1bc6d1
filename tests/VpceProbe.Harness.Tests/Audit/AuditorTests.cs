using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Audit;

/// <summary>Against moto: each test seeds the best-practice VPC with exactly one problem and expects exactly that rule's findings.</summary>
public class AuditorTests(MotoFixture moto)
{
    private readonly IAmazonEC2 _ec2 = moto.Clients.Ec2();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_vpc_that_follows_every_best_practice_gives_no_finding()
    {
        var report = await AuditAsync(await BestPracticeVpc.CreateAsync(_ec2));

        Assert.Empty(report.Findings);
        Assert.Equal(AuditRules.All.Count, report.Rules.Count);
    }

    [Fact]
    public async Task dns_hostnames_off_with_private_dns_endpoints_is_VPCE001_high()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2);
        await _ec2.ModifyVpcAttributeAsync(new() { VpcId = vpc.Seed.VpcId, EnableDnsHostnames = false }, Ct);

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE001");

        Assert.Equal((Severity.High, vpc.Seed.VpcId), (finding.Severity, finding.Resource));
        Assert.Contains("enableDnsHostnames off", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task nat_route_without_gateway_endpoints_is_VPCE002_for_s3_and_dynamodb_on_each_table()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { NatRoute = true, GatewayEndpoints = false });

        var findings = OnlyFindings(await AuditAsync(vpc), "VPCE002");

        Assert.Equal(4, findings.Count);
        Assert.Equal(new[] { vpc.TableA, vpc.TableB }.Order(StringComparer.Ordinal), findings.Select(f => f.Resource).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, findings.Count(f => f.What.StartsWith("s3 traffic", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task no_nat_and_no_ssm_endpoints_is_VPCE003_for_each_private_subnet()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SsmEndpoints = false });

        var findings = OnlyFindings(await AuditAsync(vpc), "VPCE003");

        Assert.Equal(new[] { vpc.SubnetA, vpc.SubnetB }.Order(StringComparer.Ordinal), findings.Select(f => f.Resource).Order(StringComparer.Ordinal));
        Assert.Contains("ssm, ssmmessages, ec2messages", findings[0].What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_ec2messages_VPCE003_names_only_subnets_whose_agents_are_older_than_3_3_40_or_unknown()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { Ec2MessagesEndpoint = false });
        var current = await vpc.Seed.InstanceAsync(vpc.SubnetA);
        await vpc.Seed.InstanceAsync(vpc.SubnetB);
        var snapshot = await new VpcDiscoverer(_ec2, moto.Clients.Ssm(), VpcSeed.Region).DescribeAsync(vpc.Seed.VpcId, Ct);
        var versions = snapshot with
        {
            Instances = [.. snapshot.Instances.Select(i => i with { SsmAgentVersion = i.Id == current ? "3.3.1142.0" : "3.2.582.0" })],
        };

        // moto has no DescribeInstanceInformation: no version is known, so every subnet needs all three.
        var unknown = OnlyFindings(Auditor.Run(snapshot), "VPCE003");
        var known = OnlyFinding(Auditor.Run(versions), "VPCE003");

        Assert.Equal(new[] { vpc.SubnetA, vpc.SubnetB }.Order(StringComparer.Ordinal), unknown.Select(f => f.Resource).Order(StringComparer.Ordinal));
        Assert.All(unknown, f => Assert.Contains("no interface endpoint for ec2messages (SSM Agent version unknown", f.What, StringComparison.Ordinal));
        Assert.Equal(vpc.SubnetB, known.Resource);
        Assert.Contains("ec2messages (SSM Agent 3.2.582.0 (< 3.3.40.0)", known.What, StringComparison.Ordinal);
        Assert.Empty(Auditor.Run(versions with { Instances = [.. versions.Instances.Select(i => i with { SsmAgentVersion = "3.3.40.0" })] }).Findings);
    }

    [Fact]
    public async Task private_dns_off_is_VPCE004_on_that_endpoint()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsPrivateDns = false });

        Assert.Equal(vpc.SecretsEndpoint, OnlyFinding(await AuditAsync(vpc), "VPCE004").Resource);
    }

    [Fact]
    public async Task an_endpoint_in_one_az_of_two_is_VPCE005_naming_the_missing_az()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsInBothAzs = false });

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE005");

        Assert.Equal(vpc.SecretsEndpoint, finding.Resource);
        Assert.Contains("us-east-1b", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_endpoint_security_group_open_to_the_world_is_VPCE006()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsIngress = [BestPracticeVpc.Cidr, "0.0.0.0/0"] });

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE006");

        Assert.Equal(vpc.SecretsSecurityGroup, finding.Resource);
        Assert.Contains("from 0.0.0.0/0", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_endpoint_security_group_without_443_from_a_private_subnet_is_VPCE007()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsIngress = [BestPracticeVpc.SubnetACidr] });

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE007");

        Assert.Equal((Severity.High, vpc.SecretsEndpoint), (finding.Severity, finding.Resource));
        Assert.Contains(vpc.SubnetB, finding.What, StringComparison.Ordinal);
        Assert.DoesNotContain(vpc.SubnetA, finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_default_full_access_policy_is_VPCE008()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsPolicy = null });

        Assert.Equal(vpc.SecretsEndpoint, OnlyFinding(await AuditAsync(vpc), "VPCE008").Resource);
    }

    [Fact]
    public async Task the_walkthrough_one_bucket_policy_with_principal_star_is_VPCE009()
    {
        const string walkthrough = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::twtech-secure-bucket/*"]}]}""";
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { S3Policy = walkthrough });

        Assert.Equal(vpc.S3Endpoint, OnlyFinding(await AuditAsync(vpc), "VPCE009").Resource);
    }

    [Fact]
    public async Task a_policy_that_is_not_json_is_VPCE010()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { SecretsPolicy = "Allow everything please" });

        Assert.Equal(vpc.SecretsEndpoint, OnlyFinding(await AuditAsync(vpc), "VPCE010").Resource);
    }

    [Fact]
    public void cost_texts_quote_the_vpcs_own_region()
    {
        var natRoute = new RouteInfo("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, "nat-1", null, null);
        var snapshot = SnapshotWithProblems.Snapshot() with
        {
            Region = "us-east-2",
            RouteTables = [new RouteTableInfo("rtb-a", false, ["subnet-a"], [natRoute], new Dictionary<string, string>())],
        };
        var s3 = new EndpointInfo { Id = "vpce-s3", ServiceName = "com.amazonaws.us-east-2.s3", Type = EndpointType.Gateway, State = "available" };

        var withoutEndpoint = Auditor.Run(snapshot).Findings.Where(f => f.RuleId == "VPCE002").ToList();
        var leftOut = Assert.Single(Auditor.Run(snapshot with { Endpoints = [.. snapshot.Endpoints, s3] }).Findings, f => f.RuleId == "VPCE011");

        // The shipped prices have no us-east-2, so the text sends the reader to the pricing page for that region.
        Assert.Equal(2, withoutEndpoint.Count);
        Assert.All(withoutEndpoint, f => Assert.Contains("us-east-2: see https://aws.amazon.com/vpc/pricing/", f.Why, StringComparison.Ordinal));
        Assert.Contains("us-east-2", leftOut.Why, StringComparison.Ordinal);
        Assert.DoesNotContain("us-east-1", string.Join(" ", withoutEndpoint.Select(f => f.Why).Append(leftOut.Why)), StringComparison.Ordinal);
        Assert.Contains("us-east-1: $0.045/GB, list price of", Auditor.Run(SnapshotWithProblems.Snapshot() with { RouteTables = snapshot.RouteTables })
            .Findings.First(f => f.RuleId == "VPCE002").Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_private_route_table_left_out_of_the_s3_endpoint_is_VPCE011_high_without_nat()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { S3OnEveryTable = false });

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE011");

        Assert.Equal((Severity.High, vpc.TableB), (finding.Severity, finding.Resource));
        Assert.Contains("s3 is unreachable", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_route_inside_the_s3_prefix_list_is_VPCE012()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2);
        var igw = await vpc.Seed.InternetGatewayAsync();
        await vpc.Seed.RouteAsync(vpc.TableA, "52.216.0.0/16", gatewayId: igw);

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE012");

        Assert.Equal(vpc.TableA, finding.Resource);
        Assert.Contains("52.216.0.0/16", finding.What, StringComparison.Ordinal);
        Assert.Contains("52.216.0.0/15", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_nacl_denying_443_in_on_an_endpoint_subnet_is_VPCE013()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2);
        var acl = (await _ec2.CreateNetworkAclAsync(new() { VpcId = vpc.Seed.VpcId }, Ct)).NetworkAcl.NetworkAclId;
        await AclEntryAsync(acl, 100, egress: false, RuleAction.Deny, 443, 443);
        await AclEntryAsync(acl, 200, egress: false, RuleAction.Allow, 0, 65535);
        await AclEntryAsync(acl, 100, egress: true, RuleAction.Allow, 0, 65535);
        await AssociateAsync(vpc.Seed.VpcId, vpc.SubnetA, acl);

        var finding = OnlyFinding(await AuditAsync(vpc), "VPCE013");

        Assert.Equal(acl, finding.Resource);
        Assert.Contains($"inbound TCP 443 from {vpc.SubnetB}", finding.What, StringComparison.Ordinal);
        Assert.Contains("rule 100", finding.What, StringComparison.Ordinal);
        Assert.DoesNotContain("outbound", finding.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_vpc_without_flow_logs_is_VPCE014_low()
    {
        var vpc = await BestPracticeVpc.CreateAsync(_ec2, new() { FlowLog = false });

        Assert.Equal(Severity.Low, OnlyFinding(await AuditAsync(vpc), "VPCE014").Severity);
    }

    private async Task<AuditReport> AuditAsync(BestPracticeVpc vpc)
    {
        var snapshot = await new VpcDiscoverer(_ec2, moto.Clients.Ssm(), VpcSeed.Region).DescribeAsync(vpc.Seed.VpcId, Ct);
        return Auditor.Run(snapshot);
    }

    private static List<Finding> OnlyFindings(AuditReport report, string ruleId)
    {
        Assert.All(report.Findings, f => Assert.Equal(ruleId, f.RuleId));
        Assert.NotEmpty(report.Findings);
        return [.. report.Findings];
    }

    private static Finding OnlyFinding(AuditReport report, string ruleId) => Assert.Single(OnlyFindings(report, ruleId));

    private Task AclEntryAsync(string acl, int rule, bool egress, RuleAction action, int from, int to) =>
        _ec2.CreateNetworkAclEntryAsync(new()
        {
            NetworkAclId = acl, RuleNumber = rule, Egress = egress, RuleAction = action, Protocol = "6",
            CidrBlock = "0.0.0.0/0", PortRange = new PortRange { From = from, To = to },
        }, Ct);

    private async Task AssociateAsync(string vpcId, string subnetId, string acl)
    {
        var current = await _ec2.DescribeNetworkAclsAsync(new() { Filters = [new("vpc-id", [vpcId]), new("association.subnet-id", [subnetId])] }, Ct);
        var association = current.NetworkAcls.SelectMany(a => a.Associations).Single(a => a.SubnetId == subnetId);
        await _ec2.ReplaceNetworkAclAssociationAsync(new() { AssociationId = association.NetworkAclAssociationId, NetworkAclId = acl }, Ct);
    }
}
