using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports;

/// <summary>
/// A fixed walkthrough run for the report tests: a met baseline, a nat-removed phase where one instance's agent
/// brought back nothing, and an endpoints phase with one unmet expectation. Every value is fixed so golden files are stable.
/// </summary>
internal static class SampleRun
{
    private const string A = SampleVpc.InstanceA;
    private const string B = SampleVpc.InstanceB;

    /// <param name="vpc">The VPC before the run (default <see cref="SampleVpc.Before"/>); each phase's picture is derived from it.</param>
    public static RunResult Create(VpcSnapshot? vpc = null)
    {
        var before = vpc ?? SampleVpc.Before();
        var natRemoved = SampleVpc.NatRemoved(before);
        var endpoints = SampleVpc.WithEndpoints(natRemoved);
        return Create(natRemoved, endpoints) with { Vpc = before, VpcAfter = SampleVpc.After(before, endpoints) };
    }

    private static RunResult Create(VpcSnapshot natRemoved, VpcSnapshot endpoints) => new()
    {
        RunId = "run-20261128-0700",
        Scenario = "walkthrough",
        VpcId = "vpc-0123456789abcdef0",
        Backend = "lab",
        Transport = "ssm",
        StartedAt = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero),
        Duration = TimeSpan.FromSeconds(93.25),
        ExitCode = ExitCodes.ExpectationFailed,
        Phases =
        [
            new("baseline", [], [
                Cell("baseline", "egress", A, "http", "http://google.com", "reachable", Outcome.Reachable, null, true, 41),
                Cell("baseline", "s3-name", A, "dns", "s3.us-east-1.amazonaws.com", "public", Outcome.Public, null, true, 3),
            ], [new AgentRun(A, AgentRunStatus.Completed, BaselineReport(), 0)]) { Duration = TimeSpan.FromSeconds(12.5) },
            new("nat-removed", ["remove 0.0.0.0/0 → nat-0aa from rtb-0bb (twtechPrivateRT)"], [
                Cell("nat-removed", "egress", A, "http", "http://google.com", "unreachable", Outcome.Unreachable, FailureKind.Timeout, true, 5002),
            ], [Run(A, AgentRunStatus.Completed), new AgentRun(B, AgentRunStatus.Undeliverable, null, null, "SSM could not deliver the command: the instance is not connected to SSM")])
            {
                Duration = TimeSpan.FromSeconds(31),
                Vpc = natRemoved,
            },
            new("endpoints", ["create gateway endpoint s3", "create interface endpoint secretsmanager"], [
                Cell("endpoints", "other-bucket", A, "s3", "s3://twtech-other-bucket", "denied", Outcome.Denied, FailureKind.AccessDenied, true, 88),
                Cell("endpoints", "secret", A, "secret", "twtech/db | prod", "allowed", Outcome.Unreachable, FailureKind.Timeout, false, 5001, "connect to 10.0.1.25:443 timed out"),
                Cell("endpoints", "secret", B, "secret", "twtech/db | prod", "allowed", null, null, false, 0, "the agent produced no report"),
            ], [new AgentRun(A, AgentRunStatus.Completed, SecretReport(), 1), new AgentRun(B, AgentRunStatus.NoReport, null, 3, "agent crashed: Segmentation fault")])
            {
                Duration = TimeSpan.FromSeconds(40.25),
                Vpc = endpoints,
            },
        ],
        Changes =
        [
            new("nat-removed", "remove-nat-routes", "rtb-0bb 0.0.0.0/0", "default route to nat-0aa removed", ChangeStatus.RolledBack),
            new("endpoints", "create-gateway-endpoint", "vpce-0cc", "S3 gateway endpoint on rtb-0bb", ChangeStatus.RolledBack),
            new("endpoints", "create-interface-endpoint", "vpce-0dd", "secretsmanager interface endpoint, private DNS", ChangeStatus.Kept),
        ],
    };

    private static MatrixCell Cell(
        string phase, string probe, string instance, string kind, string target, string expected,
        Outcome? observed, FailureKind? failure, bool pass, long ms, string? detail = null) =>
        new(phase, probe, instance, kind, target, expected, observed, failure, pass, detail, ms);

    private static AgentReport BaselineReport() => new()
    {
        Agent = new AgentInfo("vpceprobe-agent", "0.1.0"),
        Host = new HostFacts { Hostname = "ip-10-0-1-10", Architecture = "x64", Region = "us-east-1" },
        StartedAt = new DateTimeOffset(2026, 11, 28, 7, 0, 5, TimeSpan.Zero),
        DurationMs = 44,
        Pass = true,
        Results =
        [
            new ProbeResult
            {
                Id = "s3-name", Kind = "dns", Target = "s3.us-east-1.amazonaws.com", Expect = "public", Outcome = Outcome.Public, Pass = true,
                Observed = new Observation { Answers = ["52.216.0.10"], Rcode = "NoError" }, Attempts = 1, DurationMs = 3,
            },
        ],
    };

    private static AgentReport SecretReport() => BaselineReport() with
    {
        Pass = false,
        Results =
        [
            new ProbeResult
            {
                Id = "secret", Kind = "secret", Target = "twtech/db | prod", Expect = "allowed", Outcome = Outcome.Unreachable, Pass = false,
                FailureKind = FailureKind.Timeout, Observed = new Observation { Address = "10.0.1.25", Endpoint = "https://secretsmanager.us-east-1.amazonaws.com" },
                Attempts = 4, DurationMs = 5001,
            },
        ],
    };

    private static AgentRun Run(string instance, AgentRunStatus status) => new(instance, status, null, 0);
}
