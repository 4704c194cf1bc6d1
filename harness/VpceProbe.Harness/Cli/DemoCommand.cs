using System.CommandLine;
using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe demo`: the walkthrough end to end with no AWS account. Starts a lab, runs the built-in walkthrough
/// scenario against it exactly as against AWS (`run walkthrough --transport ssm`, the agent staged in a lab
/// bucket and deployed through SSM), writes the reports, and takes the lab down again, also on failure or Ctrl-C.
/// Exit code: the run's (0 when the walkthrough's whole matrix is as expected), or `lab up`'s.
/// </summary>
public static class DemoCommand
{
    public const string LabName = "demo";

    /// <summary>The lab bucket the harness stages the agent in for the instance to download.</summary>
    public const string StagingBucket = "vpceprobe-demo-staging";

    public static Command Build()
    {
        var outputDir = new Option<DirectoryInfo>("--output-dir") { Description = "Where reports are written.", DefaultValueFactory = _ => new DirectoryInfo("vpceprobe-reports") };
        var command = new Command("demo", "As root: start the VPC lab, run the walkthrough scenario against it through SSM, write the reports, stop the lab.") { outputDir };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var names = new LabNames(LabName);
            var (upCode, record) = await LabCommand.UpAsync(names, "walkthrough", output, error, ct).ConfigureAwait(false);
            if (record is null)
            {
                return upCode;
            }

            try
            {
                var region = LabSummary.RegionOf(record);
                UseLabCredentials(region);
                await CreateStagingBucketAsync(record.GatewayUrl, region, ct).ConfigureAwait(false);
                string[] run =
                [
                    "run", "walkthrough", "--yes", "--transport", "ssm", "--staging-bucket", StagingBucket,
                    "--endpoint-url", record.GatewayUrl, "--region", region, "--output-dir", parse.GetRequiredValue(outputDir).FullName,
                ];
                await output.WriteLineAsync($"vpceprobe {string.Join(' ', run)}").ConfigureAwait(false);
                return await CommandCatalog.BuildRoot().Parse(run).InvokeAsync(parse.InvocationConfiguration, ct).ConfigureAwait(false);
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

    /// <summary>The lab's fake credentials, for this process only, so the SDK's default chain never looks for real ones.</summary>
    private static void UseLabCredentials(string region)
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_REGION", region);
    }

    private static async Task CreateStagingBucketAsync(string gatewayUrl, string region, CancellationToken ct)
    {
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = gatewayUrl, ForcePathStyle = true, AuthenticationRegion = region });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = StagingBucket }, ct).ConfigureAwait(false);
    }
}
