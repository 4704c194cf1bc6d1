using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using VpceProbe.Harness.Scenario;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class GatewayEndpointRuleTests
{
    private static readonly GatewayEndpointRule Rule = new();

    [Fact]
    public void on_the_route_table_with_the_default_policy_listbuckets_is_allowed_through_it()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-a", only: Rule).Probes);

        Assert.Equal(("s3-gateway", ProbeKinds.S3, null, Expectations.Allowed), (probe.Probe.Id, probe.Probe.Kind, probe.Probe.Bucket, probe.Probe.Expect));
        Assert.Equal(("vpce-s3-gw", TableA), (probe.Reason.EndpointId, probe.Reason.RouteTableId));
        Assert.Contains("is on route table rtb-a", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void a_policy_that_names_one_bucket_denies_listbuckets_which_still_proves_the_path()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", WalkthroughScenario.OneBucketPolicy("b"), TableA)), "i-a", only: Rule).Probes);

        Assert.Equal(Expectations.Denied, probe.Probe.Expect);
        Assert.Contains("s3:ListAllMyBuckets", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:List*","Resource":"*"}]}""", Expectations.Allowed)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""", Expectations.Denied)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":"*"}]}""", Expectations.Denied)]
    [InlineData("not json", Expectations.Denied)]
    public void the_expectation_follows_what_the_policy_says_of_s3_ListAllMyBuckets(string policy, string expect) =>
        Assert.Equal(expect, Assert.Single(Derive(Build(endpoints: Gateway("s3", policy, TableA)), "i-a", only: Rule).Probes).Probe.Expect);

    [Fact]
    public void off_the_route_table_with_a_nat_s3_is_expected_through_the_nat_and_the_reason_says_so()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableB)), "i-a", only: Rule).Probes);

        Assert.Equal(Expectations.Allowed, probe.Probe.Expect);
        Assert.Contains("not on this subnet's route table rtb-a", probe.Reason.Text, StringComparison.Ordinal);
        Assert.Contains("nat-1", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void off_the_route_table_without_a_default_route_s3_is_expected_unreachable() =>
        Assert.Equal(Expectations.Unreachable, Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-b", only: Rule).Probes).Probe.Expect);

    [Fact]
    public void strict_fails_the_cell_off_the_route_table_whatever_the_call_observes_since_a_nat_would_answer_too()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableB)), "i-a", new(Strict: true), Rule).Probes);

        Assert.Equal(Expectations.Allowed, probe.Probe.Expect);
        Assert.Contains("--strict", probe.Reason.Text, StringComparison.Ordinal);
        Assert.Equal("--strict: gateway endpoint vpce-s3-gw (s3) is not on route table rtb-a", probe.KnownFailure);
    }

    [Fact]
    public void strict_changes_nothing_on_the_route_table() =>
        Assert.Null(Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-a", new(Strict: true), Rule).Probes).KnownFailure);

    [Fact]
    public void dynamodb_is_fetched_over_https_through_its_endpoint()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("dynamodb", null, TableA)), "i-a", only: Rule).Probes);

        Assert.Equal(("dynamodb-gateway", ProbeKinds.Http, "https://dynamodb.us-east-1.amazonaws.com/", Expectations.Reachable),
            (probe.Probe.Id, probe.Probe.Kind, probe.Probe.Url, probe.Probe.Expect));
    }
}
