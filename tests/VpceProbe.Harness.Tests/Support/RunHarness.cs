using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// Runs a scenario in-process against an AWS endpoint with the published agent through the local transport;
/// the agent gets the same endpoint. <see cref="Via"/> sends the harness's and the agent's calls through another
/// URL (a <see cref="FaultingProxy"/> in front of the endpoint).
/// </summary>
internal sealed class RunHarness(AwsEndpoint aws, WalkthroughVpc vpc)
{
    public string OutputDir { get; } = Directory.CreateTempSubdirectory("vpceprobe-run-").FullName;

    public StringWriter Log { get; } = new();

    public ObservingTransport? Transport { get; private set; }

    /// <summary>Where the harness and the agent send their AWS calls; the endpoint itself unless set.</summary>
    public string? Via { get; init; }

    /// <summary>Wraps the agent transport (to make it fail in a given phase, say).</summary>
    public Func<IAgentTransport, IAgentTransport>? Wrap { get; init; }

    public TimeSpan UndoRetryFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// `--proceed-on-failed-baseline`; false, as for a user, so every test meets the baseline gate. A test sets it
    /// only when it judges the AWS side of the phases after the baseline on moto: with the local transport the
    /// walkthrough's baseline cannot pass there (its egress probe asks 127.0.0.1:443, nothing listens), so the gate
    /// would stop the run before the change under test.
    /// </summary>
    public bool ProceedOnFailedBaseline { get; init; }

    /// <summary>The walkthrough pointed at loopback only: the egress hosts are 127.0.0.1, DNS asks the given resolver.</summary>
    public static ScenarioDefinition Walkthrough(string vpcId, string nameserver) => WalkthroughScenario.Build(new WalkthroughParameters
    {
        VpcId = vpcId,
        Region = VpcSeed.Region,
        WebHosts = ["127.0.0.1"],
        Nameserver = nameserver,
        WaitFor = "1s",
    });

    /// <summary>The run's token (Ctrl-C); the test's own unless set.</summary>
    public CancellationToken? Cancellation { get; init; }

    public async Task<RunResult> RunAsync(ScenarioDefinition scenario, bool dryRun = false)
    {
        var url = Via ?? aws.Url;
        var clients = new AwsClientFactory(new AwsSettings(null, aws.Region, url));
        var ec2 = clients.Ec2();
        var discoverer = new VpcDiscoverer(ec2, clients.Ssm(), VpcSeed.Region);
        IAgentTransport agent = new LocalTransport(AgentBinary.Path, url, TimeSpan.FromMinutes(2));
        Transport = new ObservingTransport(Wrap?.Invoke(agent) ?? agent, () => vpc.DescribeAsync(aws));
        var services = new RunServices(
            ec2, discoverer, Transport, TimeProvider.System, new ResourceWaits(TimeProvider.System, TimeSpan.FromSeconds(30)),
            new CrashHook(null), Log, _ => true);
        var settings = new RunSettings(OutputDir, VpcSeed.Region, url, null, dryRun, UndoRetryFor, ProceedOnFailedBaseline);
        var token = Cancellation ?? TestContext.Current.CancellationToken;
        return await new ScenarioRun(services, settings).RunAsync(scenario, vpc.VpcId, token);
    }
}
