using System.CommandLine;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Cli;

/// <summary>Overrides for the built-in walkthrough's names; the defaults are the lab's seeded topology.</summary>
internal sealed class WalkthroughOptions
{
    private static readonly WalkthroughParameters Defaults = new();

    public Option<string> Bucket { get; } = new("--bucket") { Description = "walkthrough: the bucket the endpoint policy allows.", DefaultValueFactory = _ => Defaults.Bucket };

    public Option<string> OtherBucket { get; } = new("--other-bucket") { Description = "walkthrough: a bucket the endpoint policy must deny.", DefaultValueFactory = _ => Defaults.OtherBucket };

    public Option<string> SecretId { get; } = new("--secret-id") { Description = "walkthrough: the secret read through the interface endpoint.", DefaultValueFactory = _ => Defaults.SecretId };

    public Option<string[]> WebHosts { get; } = new("--web-host")
    {
        Description = "walkthrough: public hosts for the egress probes (first: HTTP, last: ping).",
        DefaultValueFactory = _ => [.. Defaults.WebHosts],
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string> VpcName { get; } = new("--vpc-name") { Description = "walkthrough: the Name tag of the VPC when --vpc is not given.", DefaultValueFactory = _ => Defaults.VpcName };

    public Option<string?> Nameserver { get; } = new("--nameserver") { Description = "walkthrough: the resolver the DNS probe asks (IP or IP:PORT; default the instance's)." };

    public Option<string> WaitFor { get; } = new("--wait-for") { Description = "walkthrough: how long post-change probes retry.", DefaultValueFactory = _ => Defaults.WaitFor };

    public Option<string?> ProbeTimeout { get; } = new("--probe-timeout") { Description = "walkthrough: the per-attempt timeout of the probes a phase expects unreachable, which wait it out (default: each kind's own, 2-5 s); probes expected to answer keep their kind's." };

    public WalkthroughOptions()
    {
        OptionChecks.BucketName(Bucket);
        OptionChecks.BucketName(OtherBucket);
        OptionChecks.Duration(WaitFor);
        OptionChecks.Duration(ProbeTimeout);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Bucket);
        command.Options.Add(OtherBucket);
        command.Options.Add(SecretId);
        command.Options.Add(WebHosts);
        command.Options.Add(VpcName);
        command.Options.Add(Nameserver);
        command.Options.Add(WaitFor);
        command.Options.Add(ProbeTimeout);
    }

    public WalkthroughParameters Parameters(ParseResult parse, AwsSettings aws, string? vpcId)
    {
        var hosts = parse.GetValue(WebHosts) ?? [];
        return new WalkthroughParameters
        {
            VpcId = vpcId,
            VpcName = parse.GetRequiredValue(VpcName),
            Region = aws.EffectiveRegion,
            Bucket = parse.GetRequiredValue(Bucket),
            OtherBucket = parse.GetRequiredValue(OtherBucket),
            SecretId = parse.GetRequiredValue(SecretId),
            Nameserver = parse.GetValue(Nameserver),
            WaitFor = parse.GetRequiredValue(WaitFor),
            ProbeTimeout = parse.GetValue(ProbeTimeout),
            WebHosts = hosts.Length > 0 ? hosts : throw new UsageException("--web-host needs at least one host"),
        };
    }
}
