using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Harness.Cli;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Cli;

/// <summary>
/// `vpceprobe demo` (`vpceprobe-lab demo`): the walkthrough end to end with no AWS account. Starts a lab, runs the built-in walkthrough
/// scenario against it exactly as against AWS (`run walkthrough --transport ssm`, the agent staged in a lab
/// bucket and deployed through SSM), writes the reports, and takes the lab down again, also on failure or Ctrl-C.
/// Exit code: the run's (0 when the walkthrough's whole matrix is as expected), or `lab up`'s.
/// Nothing of the caller's environment decides a result: the run gets the lab's endpoint, region and credentials
/// explicitly (no process-wide variable is set), and the lab's instances never see the caller's variables.
/// </summary>
internal static class DemoCommand
{
    public const string LabName = "demo";

    /// <summary>The lab bucket the harness stages the agent in for the instance to download.</summary>
    public const string StagingBucket = "vpceprobe-demo-staging";

    public static Command Build()
    {
        var outputDir = new Option<DirectoryInfo>("--output-dir") { Description = "Where reports are written.", DefaultValueFactory = _ => new DirectoryInfo("vpceprobe-reports") };
        var port = LabCommand.PortOption();
        var command = new Command("demo", "As root: start the VPC lab, run the walkthrough scenario against it through SSM, write the reports, stop the lab.") { outputDir, port };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var names = new LabNames(LabName);
            var (upCode, record) = await LabCommand.UpAsync(names, new LabUpSettings("walkthrough", parse.GetValue(port), FaultSettings.None), output, error, ct).ConfigureAwait(false);
            if (record is null)
            {
                return upCode;
            }

            try
            {
                var region = LabSummary.RegionOf(record);
                await CreateStagingBucketAsync(record.GatewayUrl, region, ct).ConfigureAwait(false);
                // --probe-timeout 2s: the probes expected unreachable (egress after the NAT route goes, S3 and
                // Secrets Manager before their endpoints) each wait out their whole timeout, 5 s by default. Every
                // reachable path in the lab stays on this machine (the baseline's six probes take 0.4 s together),
                // and the post-change phases retry a timed-out probe for their 15 s waitFor.
                string[] run =
                [
                    "run", "walkthrough", "--yes", "--transport", "ssm", "--staging-bucket", StagingBucket, "--probe-timeout", "2s",
                    "--endpoint-url", record.GatewayUrl, "--region", region, "--output-dir", parse.GetRequiredValue(outputDir).FullName,
                ];
                await output.WriteLineAsync($"vpceprobe {string.Join(' ', run)}").ConfigureAwait(false);
                var root = new RootCommand { RunCommand.Build(TopologySeeder.Credentials) };
                return await root.Parse(run).InvokeAsync(parse.InvocationConfiguration, ct).ConfigureAwait(false);
            }
            finally
            {
                // Ctrl-C cancels `ct`: the lab still goes, with a token of its own.
                var removed = await new LabSweeper(names, error, TimeProvider.System).SweepAsync(CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync($"lab {names.Lab} down ({removed.Count} things removed)").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task CreateStagingBucketAsync(string gatewayUrl, string region, CancellationToken ct)
    {
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = gatewayUrl, ForcePathStyle = true, AuthenticationRegion = region });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = StagingBucket }, ct).ConfigureAwait(false);
    }
}
