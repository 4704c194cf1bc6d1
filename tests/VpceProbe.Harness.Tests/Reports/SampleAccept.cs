using VpceProbe.Contract;
using VpceProbe.Harness.Compare;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports;

/// <summary>
/// A fixed `accept --compare` run for the report tests: derived probes with their reasons, compared with a saved
/// matrix in which the secret was readable (a regression), egress reachable (changed), the S3 gateway absent (new),
/// and one probe that is gone. Every value is fixed so golden files are stable.
/// </summary>
internal static class SampleAccept
{
    private const string A = "i-0a1b2c3d4e5f60001";

    public static RunResult Create()
    {
        var cells = new List<MatrixCell>
        {
            new("accept", "dns-ssm", A, "dns", "ssm.us-east-1.amazonaws.com", "private", Outcome.Private, null, true, null, 3,
                "interface endpoint vpce-0ssm (ssm) has private DNS on: ssm.us-east-1.amazonaws.com must resolve inside the VPC"),
            new("accept", "egress", A, "http", "http://example.com/", "unreachable", Outcome.Unreachable, FailureKind.Timeout, true, "timed out", 5000,
                "route table rtb-0priv has no route to the internet: example.com must be unreachable"),
            new("accept", "s3-gateway", A, "s3", "s3", "allowed", Outcome.Allowed, null, true, null, 40,
                "gateway endpoint vpce-0s3 (s3) is on route table rtb-0priv: ListBuckets must be allowed through it"),
            new("accept", "secret", A, "secret", "app/db", "allowed", Outcome.Unreachable, FailureKind.Timeout, false, "timed out", 5000,
                "--secret-id: app/db must be readable with no secretsmanager endpoint, through the default route (route table rtb-0priv has no route to the internet)"),
        };
        var run = new RunResult
        {
            RunId = "accept-20261130-0100",
            Scenario = "accept",
            VpcId = "vpc-0123456789abcdef0",
            Backend = "lab",
            Transport = "ssm",
            StartedAt = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromSeconds(12.5),
            ExitCode = ExitCodes.ExpectationFailed,
            Phases = [new("accept", [], cells, [new AgentRun(A, AgentRunStatus.Completed, null, 1)])],
            Instances = [new(A, "subnet-0priv", "app")],
        };
        var saved = new SavedMatrix("accept-20261129-0100", new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero),
        [
            cells[0] with { InstanceId = "i-0a1b2c3d4e5f60009" },
            cells[1] with { InstanceId = "i-0a1b2c3d4e5f60009", Expected = "reachable", Observed = Outcome.Reachable, FailureKind = null, Detail = null },
            cells[3] with { InstanceId = "i-0a1b2c3d4e5f60009", Observed = Outcome.Allowed, FailureKind = null, Pass = true, Detail = null },
            cells[0] with { InstanceId = "i-0a1b2c3d4e5f60009", ProbeId = "tcp-kms-vpce", Kind = "tcp", Target = "vpce-0kms.kms.us-east-1.vpce.amazonaws.com", Expected = "reachable", Observed = Outcome.Reachable },
        ], [new("i-0a1b2c3d4e5f60009", "subnet-0priv", "app")]);
        return run with { Comparison = MatrixComparer.Compare(saved, run, "before.json") };
    }
}
