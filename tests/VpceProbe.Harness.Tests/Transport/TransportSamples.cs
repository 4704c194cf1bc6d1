using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Contract;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>Plans, reports and transports shared by the SSM transport tests.</summary>
internal static class TransportSamples
{
    public const string Sha = "3f2a0d6c1b8e4f5a9c7d2e1b0a8f6c4d3e2b1a0f9e8d7c6b5a4f3e2d1c0b9a88";

    public static readonly string AgentPath = $"/var/lib/vpceprobe/agent/{Sha}/vpceprobe-agent";

    /// <summary>No real waiting: every poll delay is zero.</summary>
    public static readonly SsmOptions ZeroDelay = new() { PollDueDelay = TimeSpan.Zero, PollInitialDelay = TimeSpan.Zero, PollMaxDelay = TimeSpan.Zero };

    public static ProbePlan Plan(int probes = 2) => new()
    {
        Probes = [.. Enumerable.Range(0, probes).Select(i => new ProbeSpec { Id = $"egress-{i}", Kind = ProbeKinds.Tcp, Host = "198.51.100.10", Port = 443, Expect = Expectations.Reachable })],
    };

    public static string Report(bool pass, int results = 1) => ReportJson.Write(new AgentReport
    {
        Agent = new AgentInfo("vpceprobe-agent", "0.1.0"),
        Host = new HostFacts { Hostname = "ip-10-0-1-10" },
        Pass = pass,
        Results = [.. Enumerable.Range(0, results).Select(i => new ProbeResult
        {
            Id = $"egress-{i}", Kind = ProbeKinds.Tcp, Target = "198.51.100.10:443", Expect = Expectations.Reachable,
            Outcome = pass ? Outcome.Reachable : Outcome.Unreachable, Pass = pass, FailureKind = pass ? null : FailureKind.Timeout,
            Detail = pass ? null : "connect to 198.51.100.10:443 timed out after 3s: no answer, the path drops packets silently",
            Attempts = 1, DurationMs = 3000,
        })],
    });

    public static AgentInstallations InstalledOn(params string[] instanceIds) =>
        new(instanceIds.Select(id => new AgentInstallation(id, "linux-x64", Sha, AgentPath, AlreadyInstalled: true)));

    public static SsmTransport OverSsm(IAmazonSimpleSystemsManagement ssm, IAmazonS3 s3, AgentInstallations installed, SsmOptions? options = null, TimeProvider? time = null) =>
        new(new SsmCommandRunner(ssm, s3, options ?? ZeroDelay, time ?? new FakeTimeProvider()), installed);
}
