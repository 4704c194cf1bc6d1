using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// `run` with the ssm transport proves its SSM and S3 permissions before its first change (SsmPermissionProbes):
/// with one of them refused by the lab's permission gate, the run is refused (exit 2) naming the action and the
/// iam/ file, and the VPC (routes, endpoints, tags), the journal and the instance's command history are as before.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class PermissionPreflightLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-preflight-lab-").FullName;

    [Fact]
    public async Task a_run_whose_credentials_may_not_send_commands_is_refused_before_any_change_naming_ssm_send_command_and_run_json()
    {
        var text = await RefusedRunAsync((control, _) => control.DenyAsync("ssm:SendCommand"));
        Assert.Contains("the run needs ssm:SendCommand", text, StringComparison.Ordinal);
        Assert.Contains("iam/run.json grants it", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the run needs ssm:GetCommandInvocation", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_run_whose_credentials_may_not_read_the_invocations_is_refused_naming_each_action()
    {
        var text = await RefusedRunAsync(async (control, _) =>
        {
            await control.DenyAsync("ssm:GetCommandInvocation");
            await control.DenyAsync("ssm:ListCommandInvocations");
        });
        Assert.Contains("the run needs ssm:GetCommandInvocation", text, StringComparison.Ordinal);
        Assert.Contains("the run needs ssm:ListCommandInvocations", text, StringComparison.Ordinal);
        Assert.Contains("proved by harmless calls ssm:SendCommand", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_run_whose_credentials_lack_output_bucket_json_is_refused_before_any_change_naming_that_file()
    {
        var output = $"vpceprobe-preflight-out-{Environment.ProcessId}";
        await LabBuckets.CreateAsync(lab, output);
        var text = await RefusedRunAsync(
            (control, scope) => control.LoadPoliciesAsync(
                new[] { IamPolicyFiles.ReadOnly, IamPolicyFiles.Run, IamPolicyFiles.AgentDeploy }.Select(f => IamPolicyFiles.Scoped(f, scope with { OutputBucket = output }))),
            "--output-bucket", output);
        Assert.Contains($"the run needs ssm:SendCommand on arn:aws:s3:::{output} ", text, StringComparison.Ordinal);
        Assert.Contains($"the run needs s3:ListBucket on arn:aws:s3:::{output} ", text, StringComparison.Ordinal);
        Assert.Contains("iam/output-bucket.json grants it", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the run needs ssm:SendCommand on arn:aws:ssm:", text, StringComparison.Ordinal);
    }

    // Runs the walkthrough with the ssm transport after `deny` set the gate, and proves nothing changed.
    private async Task<string> RefusedRunAsync(Func<LabActions, IamScope, Task> deny, params string[] extra)
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        var vpc = walkthrough.Seeded.Id("vpc", "twtechVPC");
        var staging = $"vpceprobe-preflight-{Environment.ProcessId}";
        await LabBuckets.CreateAsync(lab, staging);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        var before = await StateAsync(ec2, ssm, vpc, walkthrough.InstanceId);
        using var control = new LabActions(lab.GatewayUrl);
        await control.ClearAsync();
        await deny(control, new IamScope(lab.Region, "123456789012", vpc, staging, "OUTPUT_BUCKET"));
        int code;
        string text;
        try
        {
            (code, text) = await LabCli.InvokeAsync(lab,
                ["run", "walkthrough", "--vpc", vpc, "--yes", "--transport", "ssm", "--staging-bucket", staging,
                    "--agent-dir", Path.Combine(AgentBinary.RepositoryRoot(), "dist"), .. extra, "--output-dir", _dir]);
        }
        finally
        {
            await control.ResetPermissionsAsync();
        }

        Assert.True(code == 2, text);
        Assert.Contains("preflight: REFUSED: permissions:", text, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(ec2, ssm, vpc, walkthrough.InstanceId));
        // The refusal's reports are written; a journal would mean the run had started changing the VPC.
        Assert.Empty(Directory.EnumerateFiles(_dir, Harness.Journal.RunJournal.FileName, SearchOption.AllDirectories));
        var executed = (await control.ReadAsync()).Select(a => a.Action).ToList();
        Assert.DoesNotContain("ec2:DescribeTags", executed);
        Assert.DoesNotContain("s3:PutObject", executed);
        Directory.Delete(_dir, recursive: true);
        return text;
    }

    // Routes, endpoints, the VPC's tags (the run's lease) and the instance's SSM commands, as one comparable string.
    private static async Task<string> StateAsync(Amazon.EC2.AmazonEC2Client ec2, Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement ssm, string vpc, string instance)
    {
        var tags = (await ec2.DescribeVpcsAsync(new() { VpcIds = [vpc] }, Ct)).Vpcs.Single().Tags ?? [];
        var commands = (await ssm.ListCommandsAsync(new Amazon.SimpleSystemsManagement.Model.ListCommandsRequest { InstanceId = instance }, Ct)).Commands ?? [];
        return string.Join('\n',
            await IamPolicyLabTests.RoutesAndEndpointsAsync(ec2, vpc),
            string.Join(',', tags.Select(t => $"{t.Key}={t.Value}").Order()),
            $"{commands.Count} commands");
    }
}
