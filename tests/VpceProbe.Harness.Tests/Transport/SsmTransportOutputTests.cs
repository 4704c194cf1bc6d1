using Amazon.S3;
using VpceProbe.Contract;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Tests.Ssm;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using static VpceProbe.Harness.Tests.Ssm.SsmReplayServer;
using static VpceProbe.Harness.Tests.Transport.TransportSamples;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>Reports longer than GetCommandInvocation's 24,000 characters (backend: replay server for SSM, moto for S3).</summary>
public class SsmTransportOutputTests(MotoFixture moto)
{
    private const string I = "i-0a1b2c3d4e5f60001";

    private readonly IAmazonS3 _s3 = moto.Clients.S3();

    [Fact]
    public async Task a_truncated_report_is_read_in_full_from_the_output_bucket()
    {
        var bucket = $"ssm-output-{Guid.NewGuid():N}";
        await _s3.PutBucketAsync(bucket, TestContext.Current.CancellationToken);
        var plan = Plan(probes: 120);
        var full = Report(pass: false, results: 120);
        Assert.True(full.Length > SsmOptions.StdoutLimit);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Failed", code: 1, stdout: full[..SsmOptions.StdoutLimit]));
        var options = ZeroDelay with { OutputBucket = bucket, OutputKeyPrefix = "runs/r1" };

        // SSM names the object from the command id it returned (the replay server's first is cmd-1).
        await _s3.PutObjectAsync(new() { BucketName = bucket, Key = $"runs/r1/cmd-1/{I}/awsrunShellScript/0.awsrunShellScript/stdout", ContentBody = full }, TestContext.Current.CancellationToken);
        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I), options).RunAsync([I], plan, TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Completed, run.Status);
        Assert.Equal(120, run.Report!.Results.Count);
        var sent = ssm.Sent.Single();
        Assert.Equal(bucket, sent["OutputS3BucketName"]!.GetValue<string>());
        Assert.Equal("runs/r1", sent["OutputS3KeyPrefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_listed_end_that_get_command_invocation_does_not_show_yet_is_asked_again_until_it_does()
    {
        // The listing shows the run ended with its output cut at 2,500; GetCommandInvocation lags behind it twice.
        var report = Report(pass: true, results: 20);
        Assert.True(report.Length is > 2_500 and < SsmOptions.StdoutLimit - 100);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Success", code: 0, stdout: report));
        ssm.LagGetCommandInvocation(I, 2);

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(probes: 20), TestContext.Current.CancellationToken)).Single();

        Assert.True(run.Status == AgentRunStatus.Completed, run.Error);
        Assert.Equal(20, run.Report!.Results.Count);
        Assert.Equal(3, ssm.Requests.Count(r => r.Target == "GetCommandInvocation"));
    }

    [Fact]
    public async Task a_report_get_command_invocation_never_shows_is_no_report_that_says_why()
    {
        var report = Report(pass: true, results: 20);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Success", code: 0, stdout: report));
        ssm.LagGetCommandInvocation(I, int.MaxValue);

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(probes: 20), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.NoReport, run.Status);
        Assert.Contains("GetCommandInvocation failed: InvocationDoesNotExist", run.Error, StringComparison.Ordinal);
        Assert.Equal(10, ssm.Requests.Count(r => r.Target == "GetCommandInvocation"));
    }

    [Fact]
    public async Task a_truncated_report_without_an_output_bucket_is_no_report_and_says_how_to_fix_it()
    {
        var full = Report(pass: true, results: 200);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Success", code: 0, stdout: full[..SsmOptions.StdoutLimit]));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(probes: 120), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.NoReport, run.Status);
        Assert.Contains("--output-bucket", run.Error, StringComparison.Ordinal);
        Assert.Null(ssm.Sent.Single()["OutputS3BucketName"]);
    }

    [Fact]
    public async Task an_output_the_instance_could_not_upload_is_no_report_that_names_s3()
    {
        var bucket = $"ssm-output-{Guid.NewGuid():N}";
        await _s3.PutBucketAsync(bucket, TestContext.Current.CancellationToken);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Failed", code: 1, stdout: Report(pass: false, results: 120)[..SsmOptions.StdoutLimit]));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I), ZeroDelay with { OutputBucket = bucket }).RunAsync([I], Plan(probes: 120), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.NoReport, run.Status);
        Assert.Contains("can the instance reach S3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void only_a_plan_whose_report_could_pass_the_limit_asks_for_s3_output()
    {
        Assert.False(SsmTransport.MayExceedStdoutLimit(Plan(probes: 25)));
        Assert.True(SsmTransport.MayExceedStdoutLimit(Plan(probes: 30)));
        Assert.Equal(TimeSpan.FromSeconds(90), SsmTransport.ExecutionTimeout(new ProbePlan()));
        Assert.Equal(TimeSpan.FromSeconds(150), SsmTransport.ExecutionTimeout(new ProbePlan { Deadline = "2m" }));
    }
}
