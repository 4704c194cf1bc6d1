using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Explain;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Explain;

/// <summary>One cause per test: the walkthrough's VPC after its endpoints phase with exactly one thing changed.</summary>
public class PredictorTests
{
    private static readonly ProbeSpec Secret = new() { Id = "secret", Kind = ProbeKinds.Secret, SecretId = "twtech/db-password" };
    private static readonly ProbeSpec Bucket = new() { Id = "s3-bucket", Kind = ProbeKinds.S3, Bucket = ExplainVpc.Bucket };
    private static readonly ProbeSpec OtherBucket = new() { Id = "s3-other", Kind = ProbeKinds.S3, Bucket = "twtech-other-bucket" };
    private static readonly ProbeSpec Dns = new() { Id = "dns", Kind = ProbeKinds.Dns, Name = "secretsmanager.us-east-1.amazonaws.com" };
    private static readonly ProbeSpec Web = new() { Id = "egress-http", Kind = ProbeKinds.Http, Url = "http://google.com/" };

    [Fact]
    public void on_the_clean_vpc_every_probe_is_predicted_as_the_walkthrough_expects_with_no_cause()
    {
        var vpc = ExplainVpc.Snapshot();

        Assert.Equal(
            [Outcome.Allowed, Outcome.Allowed, Outcome.Denied, Outcome.Private, Outcome.Reachable],
            new[] { Secret, Bucket, OtherBucket, Dns, Web }.Select(p => Predict(vpc, p).Outcome));
        Assert.Null(Predict(vpc, Secret).Cause);
        Assert.Contains(Predict(vpc, Bucket).Path, s => s.Resource == "rtb-private" && s.Detail.Contains("-> vpce-s3", StringComparison.Ordinal));
        Assert.Contains(Predict(vpc, Secret).Path, s => s.Layer == PathLayer.SecurityGroupIngress && s.Resource == "sg-endpoints");
    }

    [Fact]
    public void a_bucket_the_policy_does_not_name_is_denied_by_the_gateway_endpoint_implicitly()
    {
        var cause = Predict(ExplainVpc.Snapshot(), OtherBucket).Cause!;

        Assert.Equal((CauseCode.EndpointPolicyDenies, "vpce-s3"), (cause.Code, cause.Resource));
        Assert.Contains("modify-vpc-endpoint --vpc-endpoint-id vpce-s3", cause.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void an_explicit_deny_statement_wins_and_is_named_by_its_index()
    {
        const string policy = """
            { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*" },
                             { "Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*" } ] }
            """;
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { PolicyDocument = policy });

        var prediction = Predict(vpc, Secret);

        Assert.Equal(Outcome.Denied, prediction.Outcome);
        Assert.Equal((CauseCode.EndpointPolicyExplicitDeny, "vpce-sm"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Contains("statement 1", prediction.Cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void without_the_nat_route_the_internet_is_unreachable_because_the_nat_route_was_removed()
    {
        var cause = Predict(ExplainVpc.Snapshot().WithoutNatRoute(), Web).Cause!;

        Assert.Equal((CauseCode.NatRouteRemoved, "rtb-private"), (cause.Code, cause.Resource));
        Assert.Equal("aws ec2 create-route --route-table-id rtb-private --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-1 (or create the service's VPC endpoint)", cause.Fix);
    }

    [Fact]
    public void without_a_nat_route_nor_a_nat_gateway_there_is_no_route()
    {
        var vpc = ExplainVpc.Snapshot().WithoutNatRoute() with { NatGateways = [] };

        var prediction = Predict(vpc, Web);

        Assert.Equal(Outcome.Unreachable, prediction.Outcome);
        Assert.Equal(CauseCode.NoRoute, prediction.Cause!.Code);
    }

    [Fact]
    public void instance_egress_without_443_blocks_the_endpoint()
    {
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-instance", egress: [ExplainVpc.Tcp(80, "0.0.0.0/0")]);

        var prediction = Predict(vpc, Secret);

        Assert.Equal(Outcome.Unreachable, prediction.Outcome);
        Assert.Equal((CauseCode.SgEgressBlocks, "sg-instance"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Equal("aws ec2 authorize-security-group-egress --group-id sg-instance --protocol tcp --port 443 --cidr 10.0.3.0/24", prediction.Cause.Fix);
    }

    [Fact]
    public void instance_egress_to_the_endpoints_group_reaches_the_endpoint()
    {
        var toGroup = new SecurityGroupRule("tcp", 443, 443, [], [], ["sg-endpoints"], []);
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-instance", egress: [toGroup]);

        Assert.Equal(Outcome.Allowed, Predict(vpc, Secret).Outcome);
        Assert.Equal(Outcome.Unreachable, Predict(vpc, Web).Outcome);
    }

    [Fact]
    public void endpoint_ingress_without_443_from_the_instance_blocks()
    {
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-endpoints", ingress: [ExplainVpc.Tcp(443, "10.0.9.0/24")]);

        var cause = Predict(vpc, Secret).Cause!;

        Assert.Equal((CauseCode.SgIngressBlocks, "sg-endpoints"), (cause.Code, cause.Resource));
        Assert.Equal("aws ec2 authorize-security-group-ingress --group-id sg-endpoints --protocol tcp --port 443 --cidr 10.0.2.10/32", cause.Fix);
    }

    [Fact]
    public void the_endpoint_subnets_acl_denying_443_in_blocks_the_request()
    {
        var vpc = ExplainVpc.Snapshot().WithAcl("subnet-endpoints",
            new NetworkAclEntry(90, false, "6", false, "10.0.0.0/16", null, 443, 443),
            new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, null, null),
            new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null));

        var cause = Predict(vpc, Secret).Cause!;

        Assert.Equal((CauseCode.NaclBlocks, "acl-subnet-endpoints"), (cause.Code, cause.Resource));
        Assert.Contains("rule 90", cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void the_instance_subnets_acl_without_the_ephemeral_ports_in_blocks_the_answer()
    {
        var vpc = ExplainVpc.Snapshot().WithAcl("subnet-private",
            new NetworkAclEntry(100, false, "6", true, "0.0.0.0/0", null, 22, 22),
            new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null));

        var prediction = Predict(vpc, Secret);

        Assert.Equal(Outcome.Unreachable, prediction.Outcome);
        Assert.Equal((CauseCode.NaclReturnBlocks, "acl-subnet-private"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Contains("rule *", prediction.Cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void private_dns_off_answers_publicly_and_without_nat_that_is_why_the_secret_is_unreachable()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { PrivateDnsEnabled = false });

        Assert.Equal(Outcome.Public, Predict(vpc, Dns).Outcome);
        Assert.Equal(CauseCode.PrivateDnsOff, Predict(vpc, Dns).Cause!.Code);
        Assert.Equal(Outcome.Allowed, Predict(vpc, Secret).Outcome); // through the NAT
        var natless = Predict(vpc.WithoutNatRoute(), Secret);
        Assert.Equal((Outcome.Unreachable, CauseCode.PrivateDnsOff, "vpce-sm"), (natless.Outcome, natless.Cause!.Code, natless.Cause.Resource));
    }

    [Fact]
    public void an_endpoints_own_name_answers_with_its_interfaces_whatever_private_dns_says()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { PrivateDnsEnabled = false }).WithoutNatRoute();
        var own = new ProbeSpec { Id = "dns-vpce", Kind = ProbeKinds.Dns, Name = "vpce-sm-1a2b3c4d.secretsmanager.us-east-1.vpce.amazonaws.com" };
        var tcp = new ProbeSpec { Id = "tcp-vpce", Kind = ProbeKinds.Tcp, Host = own.Name, Port = 443 };
        var stranger = new ProbeSpec { Id = "dns-other", Kind = ProbeKinds.Dns, Name = "vpce-0nothere-1a2b3c4d.secretsmanager.us-east-1.vpce.amazonaws.com" };

        Assert.Equal(Outcome.Private, Predict(vpc, own).Outcome);
        Assert.Contains(Predict(vpc, own).Path, step => step.Resource == "vpce-sm" && step.Detail.Contains("own DNS name", StringComparison.Ordinal));
        Assert.Equal(Outcome.Reachable, Predict(vpc, tcp).Outcome);
        Assert.Equal(Outcome.Public, Predict(vpc, stranger).Outcome);
    }

    [Fact]
    public void dns_hostnames_off_turns_private_dns_off_and_dns_support_off_answers_nothing()
    {
        var hostnames = ExplainVpc.Snapshot() with { EnableDnsHostnames = false };
        var support = ExplainVpc.Snapshot() with { EnableDnsSupport = false };

        Assert.Equal((Outcome.Public, CauseCode.VpcDnsAttributesOff), (Predict(hostnames, Dns).Outcome, Predict(hostnames, Dns).Cause!.Code));
        Assert.Contains("--enable-dns-hostnames", Predict(hostnames, Dns).Cause!.Fix, StringComparison.Ordinal);
        Assert.Equal((Outcome.NoAnswer, CauseCode.VpcDnsAttributesOff), (Predict(support, Dns).Outcome, Predict(support, Dns).Cause!.Code));
        Assert.Equal(Outcome.Unreachable, Predict(support, Secret).Outcome);
    }

    [Fact]
    public void an_endpoint_only_in_another_az_still_answers_across_azs_with_a_note()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { SubnetIds = ["subnet-other-az"] });

        var prediction = Predict(vpc, Secret);

        Assert.Equal(Outcome.Allowed, prediction.Outcome);
        Assert.Equal((CauseCode.EndpointNotInAz, "vpce-sm"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Contains("us-east-1b (subnet-other-az)", prediction.Cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void a_pending_interface_endpoint_carries_nothing_so_the_name_stays_public()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { State = "pending" }).WithoutNatRoute();

        Assert.Equal((Outcome.Public, CauseCode.EndpointPending), (Predict(vpc, Dns).Outcome, Predict(vpc, Dns).Cause!.Code));
        Assert.Equal((Outcome.Unreachable, CauseCode.EndpointPending), (Predict(vpc, Secret).Outcome, Predict(vpc, Secret).Cause!.Code));
    }

    [Fact]
    public void a_gateway_endpoint_not_on_the_instances_table_leaves_s3_to_the_default_route()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-s3", e => e with { RouteTableIds = [] }).WithoutNatRoute();
        vpc = vpc with { RouteTables = [.. vpc.RouteTables.Select(t => t with { Routes = [.. t.Routes.Where(r => r.DestinationPrefixListId is null)] })] };

        var prediction = Predict(vpc, Bucket);

        Assert.Equal(Outcome.Unreachable, prediction.Outcome);
        Assert.Equal((CauseCode.GatewayEndpointNotOnRouteTable, "rtb-private"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Equal("aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-s3 --add-route-table-ids rtb-private", prediction.Cause.Fix);
    }

    [Fact]
    public void the_nat_gateway_subnets_acl_denying_the_instance_in_blocks_the_internet_path_at_the_nat()
    {
        var vpc = ExplainVpc.Snapshot().WithAcl("subnet-public",
            new NetworkAclEntry(90, false, "6", false, "10.0.2.0/24", null, 80, 80),
            new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, null, null),
            new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null));

        var prediction = Predict(vpc, Web);

        Assert.Equal(Outcome.Unreachable, prediction.Outcome);
        Assert.Equal((CauseCode.NaclBlocks, "acl-subnet-public"), (prediction.Cause!.Code, prediction.Cause.Resource));
        Assert.Contains("nat-1's subnet", prediction.Cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void the_nat_gateway_subnets_acl_without_the_ephemeral_ports_from_the_internet_blocks_the_answer()
    {
        var vpc = ExplainVpc.Snapshot().WithAcl("subnet-public",
            new NetworkAclEntry(100, false, "-1", true, "10.0.0.0/16", null, null, null),
            new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null));

        var prediction = Predict(vpc, Web);

        Assert.Equal((CauseCode.NaclReturnBlocks, "acl-subnet-public"), (prediction.Cause!.Code, prediction.Cause.Resource));
    }

    [Fact]
    public void a_deny_on_a_range_inside_the_vpc_does_not_touch_the_answers_from_the_internet()
    {
        var vpc = ExplainVpc.Snapshot().WithAcl("subnet-private",
            new NetworkAclEntry(90, false, "6", false, "10.0.3.0/24", null, 1024, 65535),
            new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, null, null),
            new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null));

        Assert.Equal(Outcome.Reachable, Predict(vpc, Web).Outcome);
        Assert.Equal((CauseCode.NaclReturnBlocks, "acl-subnet-private"), (Predict(vpc, Secret).Cause!.Code, Predict(vpc, Secret).Cause!.Resource));
    }

    [Theory]
    [InlineData("StringEquals", "aws:SourceVpce", "vpce-sm", Outcome.Allowed)]
    [InlineData("StringEquals", "aws:SourceVpce", "vpce-elsewhere", Outcome.Denied)]
    [InlineData("StringNotLike", "aws:SourceVpc", "vpc-other*", Outcome.Allowed)]
    [InlineData("StringEqualsIfExists", "aws:SourceIp", "10.0.0.1", Outcome.Allowed)]
    public void an_allow_with_a_condition_on_what_the_request_carries_is_judged(string op, string key, string value, Outcome expected)
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { PolicyDocument = Conditional(op, key, value) });

        Assert.Equal(expected, Predict(vpc, Secret).Outcome);
    }

    [Fact]
    public void a_condition_on_what_the_request_is_not_known_to_carry_is_not_guessed()
    {
        var vpc = ExplainVpc.Snapshot().WithEndpoint("vpce-sm", e => e with { PolicyDocument = Conditional("StringEquals", "aws:PrincipalOrgID", "o-1") });

        var prediction = Predict(vpc, Secret);

        Assert.Null(prediction.Outcome);
        Assert.Contains(prediction.Path, s => s.Verdict == StepVerdict.Undecided && s.Detail.Contains("condition StringEquals aws:PrincipalOrgID, which cannot be evaluated", StringComparison.Ordinal));
    }

    private static string Conditional(string op, string key, string value) =>
        $$"""{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": { "{{op}}": { "{{key}}": "{{value}}" } } } ] }""";

    [Fact]
    public void a_probe_kind_whose_target_is_not_modelled_is_predicted_as_unknown()
    {
        var prediction = Predict(ExplainVpc.Snapshot(), new ProbeSpec { Id = "x", Kind = ProbeKinds.Tcp });

        Assert.Null(prediction.Outcome);
        Assert.Single(prediction.Path);
    }

    private static Prediction Predict(VpcSnapshot vpc, ProbeSpec probe) => Predictor.Predict(vpc, ExplainVpc.Instance, probe);
}
