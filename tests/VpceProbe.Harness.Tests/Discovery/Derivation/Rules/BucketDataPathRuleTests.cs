using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class BucketDataPathRuleTests
{
    private static readonly BucketDataPathRule Rule = new();

    [Fact]
    public void without_bucket_nothing_is_derived() => Assert.Empty(Derive(Build(), "i-a", only: Rule).Probes);

    [Fact]
    public void the_bucket_must_be_allowed_through_the_gateway_endpoint_on_the_subnets_table()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-a", new(Bucket: "b1"), Rule).Probes);

        Assert.Equal(("s3-bucket", "b1", Expectations.Allowed, "vpce-s3-gw"), (probe.Probe.Id, probe.Probe.Bucket, probe.Probe.Expect, probe.Reason.EndpointId));
    }

    [Fact]
    public void the_bucket_must_be_allowed_even_where_no_path_exists_because_the_user_said_the_workload_needs_it()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-b", new(Bucket: "b1"), Rule).Probes);

        Assert.Equal(Expectations.Allowed, probe.Probe.Expect);
        Assert.Contains("no S3 endpoint on this subnet", probe.Reason.Text, StringComparison.Ordinal);
    }
}
