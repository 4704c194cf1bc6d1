using VpceProbe.Harness.Preflight;

namespace VpceProbe.Harness.Tests.Preflight;

public class ServicePermissionsCheckTests
{
    private static ServicePermissionProbe Probe(string action, string resource, ProbeAnswer answer, string file = "iam/run.json") =>
        new(action, resource, file, "why", _ => Task.FromResult((answer, answer == ProbeAnswer.Refused ? "AccessDenied: no" : "ok")));

    private static Task<IReadOnlyList<PreflightFinding>> RunAsync(params ServicePermissionProbe[] probes) =>
        ServicePermissionsCheck.RunAsync(probes, TestContext.Current.CancellationToken);

    [Fact]
    public async Task a_refused_action_refuses_the_run_naming_action_resource_and_file_and_the_proven_ones_are_a_note()
    {
        var findings = await RunAsync(
            Probe("ssm:SendCommand", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript", ProbeAnswer.Refused),
            Probe("ssm:GetCommandInvocation", "*", ProbeAnswer.Proven));
        var refusal = Assert.Single(findings, f => f.Refuse);
        Assert.Contains("the run needs ssm:SendCommand on arn:aws:ssm:us-east-1::document/AWS-RunShellScript", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("iam/run.json grants it", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => !f.Refuse && f.Message.Contains("proved by harmless calls ssm:GetCommandInvocation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_get_object_refusal_behind_a_refused_list_bucket_is_not_believed_because_s3_hides_404_without_list_bucket()
    {
        var findings = await RunAsync(
            Probe("s3:ListBucket", "arn:aws:s3:::out", ProbeAnswer.Refused, "iam/output-bucket.json"),
            Probe("s3:GetObject", "arn:aws:s3:::out/vpceprobe/ssm-output/*", ProbeAnswer.Refused, "iam/output-bucket.json"),
            Probe("s3:GetObject", "arn:aws:s3:::stage/vpceprobe/agent/*", ProbeAnswer.Refused, "iam/agent-deploy.json"));
        Assert.Equal(2, findings.Count(f => f.Refuse));
        Assert.Contains(findings, f => f.Refuse && f.Message.Contains("s3:ListBucket on arn:aws:s3:::out ", StringComparison.Ordinal) && f.Message.Contains("iam/output-bucket.json", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Refuse && f.Message.Contains("s3:GetObject on arn:aws:s3:::stage/", StringComparison.Ordinal));
        Assert.Contains(findings, f => !f.Refuse && f.Message.Contains("arn:aws:s3:::out/vpceprobe/ssm-output/* not proven", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_answer_that_proves_nothing_is_a_note_not_a_refusal()
    {
        var finding = Assert.Single(await RunAsync(Probe("ssm:SendCommand", "*", ProbeAnswer.Unknown)));
        Assert.False(finding.Refuse);
        Assert.Contains("not proven before the run", finding.Message, StringComparison.Ordinal);
    }
}
