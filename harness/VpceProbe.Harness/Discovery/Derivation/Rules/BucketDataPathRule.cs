using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// --bucket: the bucket must be listable from every instance, whatever the routes say (the user named it because the
/// workload needs it). The reason says which way it should go: the gateway endpoint and its policy, or the default route.
/// </summary>
internal sealed class BucketDataPathRule : IDerivationRule
{
    public string Id => "bucket";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        if (context.Options.Bucket is not { } bucket)
        {
            yield break;
        }

        var gateway = context.GatewayOnTable("s3");
        var interfaceEndpoint = context.PrivateDnsEndpoint("s3");
        var via = gateway is not null ? $"through gateway endpoint {gateway.Id} and its policy"
            : interfaceEndpoint is not null ? $"through interface endpoint {interfaceEndpoint.Id} and its policy"
            : $"with no S3 endpoint on this subnet, through the default route ({context.DefaultRoute.Describe()})";
        yield return new(
            new ProbeSpec { Id = "s3-bucket", Kind = ProbeKinds.S3, Bucket = bucket, Expect = Expectations.Allowed },
            new(Id, $"--bucket: s3://{bucket} must be listable {via}", (gateway ?? interfaceEndpoint)?.Id, context.Target.RouteTable?.Id));
    }
}
