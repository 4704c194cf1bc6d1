using System.CommandLine;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Harness.Cli;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// `vpceprobe accept` in-process against a lab, through SSM, as a user runs it: the agent staged in a lab bucket and
/// deployed on the first run; each run's exit code, what it printed and its report.json.
/// </summary>
internal sealed class AcceptHarness(Uri gateway, string region, string directory)
{
    public const string Staging = "vpceprobe-accept-staging";

    public string Saved(string name) => Path.Combine(directory, $"{name}.json");

    /// <summary>The staging bucket, and the lab's credentials for the harness in this process (the SDK's default chain reads them).</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = gateway.ToString(), ForcePathStyle = true, AuthenticationRegion = region });
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Staging }, ct);
        }
        catch (BucketAlreadyOwnedByYouException)
        {
            // An earlier test on the same shared lab made it: staging the agent there again is what a user's second run does.
        }
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
    }

    public async Task<AcceptOutcome> AcceptAsync(string step, params string[] extra)
    {
        var output = new StringWriter();
        var outputDir = Path.Combine(directory, step);
        string[] args =
        [
            "accept", "--transport", "ssm", "--staging-bucket", Staging, "--agent-dir", Path.Combine(AgentBinary.RepositoryRoot(), "dist"),
            "--endpoint-url", gateway.ToString().TrimEnd('/'), "--region", region, "--output-dir", outputDir, .. extra,
        ];
        var code = await HarnessCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        var text = $"accept {step}: exit {code}\n{output}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var report = Path.Combine(outputDir, "report.json");
        return File.Exists(report)
            ? new(code, text, JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).RootElement.Clone())
            : throw new Xunit.Sdk.XunitException($"no report was written\n{text}");
    }
}

/// <summary>One `accept` run: its exit code, its output (for assertion messages) and its report.json.</summary>
internal sealed record AcceptOutcome(int Code, string Output, JsonElement Report)
{
    public IEnumerable<JsonElement> Cells => Report.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("cells").EnumerateArray());

    public IReadOnlyList<string> ProbeIds => [.. Cells.Select(c => c.GetProperty("probeId").GetString()!)];

    /// <summary>"probe@instance" of every cell that failed, sorted.</summary>
    public IReadOnlyList<string> Failed => [.. Cells.Where(c => !c.GetProperty("pass").GetBoolean()).Select(Name).Order()];

    public JsonElement Cell(string probe, string? instance = null) =>
        Cells.Single(c => c.GetProperty("probeId").GetString() == probe && (instance is null || c.GetProperty("instanceId").GetString() == instance));

    public string Reason(string probe, string? instance = null) => Cell(probe, instance).GetProperty("reason").GetString()!;

    public IEnumerable<(string Probe, string Category)> Comparison =>
        Report.GetProperty("comparison").GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("probeId").GetString()!, c.GetProperty("category").GetString()!));

    private static string Name(JsonElement cell) => $"{cell.GetProperty("probeId").GetString()}@{cell.GetProperty("instanceId").GetString()}";
}
