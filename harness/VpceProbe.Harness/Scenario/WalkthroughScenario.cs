using VpceProbe.Contract;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// The built-in scenario: the walkthrough in ../shared/000_5c1456245c777e6c.txt. Baseline with the NAT
/// route, the NAT route removed, then an S3 gateway endpoint restricted to one bucket and a Secrets Manager
/// interface endpoint with private DNS, then cleanup. Defaults are the lab's seeded topology.
/// </summary>
internal static class WalkthroughScenario
{
    public const string Name = "walkthrough";

    public static ScenarioDefinition Build(WalkthroughParameters p)
    {
        var region = p.Region;
        ScenarioProbe Probe(ProbeSpec spec) => new(spec, 0);
        var probes = new List<ScenarioProbe>
        {
            Probe(new() { Id = "egress-http", Kind = ProbeKinds.Http, Url = $"http://{p.WebHosts[0]}/" }),
            Probe(new() { Id = "egress-ping", Kind = ProbeKinds.Ping, Host = p.WebHosts[^1] }),
            Probe(new() { Id = "s3-bucket", Kind = ProbeKinds.S3, Bucket = p.Bucket }),
            Probe(new() { Id = "s3-other-bucket", Kind = ProbeKinds.S3, Bucket = p.OtherBucket }),
            Probe(new() { Id = "secret", Kind = ProbeKinds.Secret, SecretId = p.SecretId }),
            Probe(new() { Id = "dns-secretsmanager", Kind = ProbeKinds.Dns, Name = ServiceHostName.Of("secretsmanager", region), Nameserver = p.Nameserver }),
        };

        var open = Expect(("egress-http", "reachable"), ("egress-ping", "reachable"), ("s3-bucket", "allowed"),
            ("s3-other-bucket", "allowed"), ("secret", "allowed"), ("dns-secretsmanager", "public"));
        var closed = Expect(("egress-http", "unreachable"), ("egress-ping", "unreachable"), ("s3-bucket", "unreachable"),
            ("s3-other-bucket", "unreachable"), ("secret", "unreachable"), ("dns-secretsmanager", "public"));
        var endpoints = Expect(("egress-http", "unreachable"), ("egress-ping", "unreachable"), ("s3-bucket", "allowed"),
            ("s3-other-bucket", "denied"), ("secret", "allowed"), ("dns-secretsmanager", "private"));

        return new ScenarioDefinition
        {
            Name = Name,
            Source = Name,
            VpcId = p.VpcId,
            VpcName = p.VpcId is null ? p.VpcName : null,
            Region = region,
            UnreachableTimeout = p.ProbeTimeout,
            Probes = probes,
            Phases =
            [
                new("baseline", 0, [], open, null),
                new("nat-removed", 0, [new() { Type = ActionTypes.RemoveNatRoutes }], closed, p.WaitFor),
                new("endpoints", 0,
                [
                    new() { Type = ActionTypes.CreateGatewayEndpoint, Service = "s3", Policy = OneBucketPolicy(p.Bucket) },
                    new() { Type = ActionTypes.CreateInterfaceEndpoint, Service = "secretsmanager", PrivateDns = true },
                ], endpoints, p.WaitFor),
                new("cleanup", 0, [new() { Type = ActionTypes.Cleanup }], open, p.WaitFor),
            ],
        };
    }

    /// <summary>
    /// The walkthrough's policy names only "bucket/*" (objects). Listing a bucket is an action on the
    /// bucket ARN itself, so the bucket ARN is added; otherwise the allowed bucket would be denied too.
    /// </summary>
    public static string OneBucketPolicy(string bucket) => $$"""
        {
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": ["arn:aws:s3:::{{bucket}}", "arn:aws:s3:::{{bucket}}/*"]
            }
          ]
        }
        """;

    private static List<PhaseExpectation> Expect(params (string Probe, string Expect)[] pairs) =>
        [.. pairs.Select(p => new PhaseExpectation(p.Probe, p.Expect, 0))];
}

/// <summary>The walkthrough's names, defaulting to the lab's seeded topology; each is overridable on the command line.</summary>
internal sealed record WalkthroughParameters
{
    public string? VpcId { get; init; }

    public string VpcName { get; init; } = "twtechVPC";

    public string Region { get; init; } = "us-east-1";

    public string Bucket { get; init; } = "twtech-secure-bucket";

    public string OtherBucket { get; init; } = "twtech-other-bucket";

    public string SecretId { get; init; } = "twtech/db-password";

    /// <summary>The first is fetched over HTTP (curl google.com), the last is pinged (ping think-with-tech.blogspot.com).</summary>
    public IReadOnlyList<string> WebHosts { get; init; } = ["google.com", "think-with-tech.blogspot.com"];

    /// <summary>The resolver the DNS probe asks ("IP" or "IP:PORT"); the instance's own resolver when null.</summary>
    public string? Nameserver { get; init; }

    /// <summary>How long post-change probes retry: DNS answers and new endpoints take a few seconds to propagate.</summary>
    public string WaitFor { get; init; } = "15s";

    /// <summary>
    /// The per-attempt timeout of the probes a phase expects unreachable (<see cref="ScenarioDefinition.UnreachableTimeout"/>);
    /// null keeps each kind's default (dns 2 s, ping 3 s, the rest 5 s), which suits AWS, where an egress probe crosses a
    /// NAT gateway to the internet. Such a probe always waits this out, so a shorter one is worth it where a path that
    /// is open would answer far inside it: the lab's, all on one machine (the demo uses 2 s).
    /// </summary>
    public string? ProbeTimeout { get; init; }
}
