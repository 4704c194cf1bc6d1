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
/// the agent gets the same endpoint.
/// </summary>
public sealed class RunHarness(AwsEndpoint aws, WalkthroughVpc vpc)
{
    public string OutputDir { get; } = Directory.CreateTempSubdirectory("vpceprobe-run-").FullName;

    public StringWriter Log { get; } = new();

    public ObservingTransport? Transport { get; private set; }

    /// <summary>The walkthrough pointed at loopback only: the egress hosts are 127.0.0.1, DNS asks the given resolver.</summary>
    public static ScenarioDefinition Walkthrough(string vpcId, string nameserver) => WalkthroughScenario.Build(new WalkthroughParameters
    {
        VpcId = vpcId,
        Region = VpcSeed.Region,
        WebHosts = ["127.0.0.1"],
        Nameserver = nameserver,
        WaitFor = "1s",
    });

    public async Task<RunResult> RunAsync(ScenarioDefinition scenario, bool dryRun = false)
    {
        var ec2 = aws.Clients.Ec2();
        var discoverer = new VpcDiscoverer(ec2, aws.Clients.Ssm(), VpcSeed.Region);
        var agent = new LocalTransport(AgentBinary.Path, aws.Url, TimeSpan.FromMinutes(2));
        Transport = new ObservingTransport(agent, () => vpc.DescribeAsync(aws));
        var services = new RunServices(
            ec2, discoverer, Transport, TimeProvider.System, new ResourceWaits(TimeProvider.System, TimeSpan.FromSeconds(30)),
            new CrashHook(null), Log, _ => true);
        var settings = new RunSettings(OutputDir, VpcSeed.Region, aws.Url, null, dryRun);
        return await new ScenarioRun(services, settings).RunAsync(scenario, vpc.VpcId, TestContext.Current.CancellationToken);
    }
}
