using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Ssm;
using VpceProbe.Lab.Tests.Fakes;
using PingStatus = Amazon.SimpleSystemsManagement.PingStatus;

namespace VpceProbe.Lab.Tests.Ssm;

/// <summary>SSM run command through the gateway; the fake data plane runs the scripts locally (echo, printf: nothing that sends traffic).</summary>
public class SsmEmulatorTests(SharedMoto moto) : IAsyncLifetime
{
    private static readonly GatewayOptions Fast = new(FaultSettings.None, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(300));

    private readonly PausableClock _clock = new();
    private TestGateway _gateway = null!;
    private AmazonSimpleSystemsManagementClient _ssm = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(moto.Server, Fast, _clock);
        _ssm = _gateway.Ssm();
    }

    public async ValueTask DisposeAsync()
    {
        _ssm.Dispose();
        await _gateway.DisposeAsync();
    }

    private async Task<string> OnlineInstanceAsync()
    {
        var id = await LabInstances.LaunchAsync(_gateway, reachable: true);
        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.Online);
        return id;
    }

    private async Task<string> SendAsync(string instanceId, string script, string? bucket = null)
    {
        var sent = await _ssm.SendCommandAsync(new SendCommandRequest
        {
            InstanceIds = [instanceId],
            DocumentName = "AWS-RunShellScript",
            Parameters = new Dictionary<string, List<string>> { ["commands"] = [script] },
            OutputS3BucketName = bucket,
        }, Ct);
        return sent.Command.CommandId;
    }

    [Fact]
    public async Task a_reachable_instance_is_online_in_describe_instance_information()
    {
        var id = await OnlineInstanceAsync();
        var node = await LabInstances.NodeAsync(_ssm, id);
        Assert.Equal(PingStatus.Online, node!.PingStatus);
        Assert.Equal(PlatformType.Linux, node.PlatformType);
    }

    [Fact]
    public async Task send_command_runs_the_script_and_reports_success_with_its_output()
    {
        var id = await OnlineInstanceAsync();
        var commandId = await SendAsync(id, "echo hello from the lab");

        var done = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.Status == CommandInvocationStatus.Success);

        Assert.Equal("hello from the lab\n", done.StandardOutputContent);
        Assert.Equal(0, done.ResponseCode);
        var listed = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true }, Ct);
        Assert.Equal("hello from the lab\n", Assert.Single(Assert.Single(listed.CommandInvocations).CommandPlugins).Output);
        var commands = await _ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, Ct);
        Assert.Equal(CommandStatus.Success, Assert.Single(commands.Commands).Status);
    }

    [Fact]
    public async Task right_after_sending_an_invocation_no_agent_has_picked_up_exists_for_neither_call()
    {
        // An agent without its path to SSM leaves the command waiting: nothing but time makes it visible.
        var id = await OnlineInstanceAsync();
        _gateway.Reachability.Set($"fake-{id}", false);
        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.ConnectionLost);
        // The clock stands still from the send to the reads: "right after" holds however slow the machine is.
        _clock.Pause();
        var commandId = await SendAsync(id, "true");

        await Assert.ThrowsAsync<InvocationDoesNotExistException>(() =>
            _ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = id }, Ct));
        var listed = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true }, Ct);
        Assert.Empty(listed.CommandInvocations ?? []);
        _clock.Resume();
        var waiting = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.StatusDetails != "InvocationDoesNotExist");
        Assert.Equal(CommandInvocationStatus.Pending, waiting.Status);
    }

    [Fact]
    public async Task an_invocation_its_agent_ran_is_shown_by_both_calls_however_soon_after_sending()
    {
        var id = await OnlineInstanceAsync();
        // The clock stands still: the visibility delay never passes, only the agent's pick-up makes it visible.
        _clock.Pause();
        var commandId = await SendAsync(id, "echo ran at once");

        Amazon.SimpleSystemsManagement.Model.CommandInvocation? ended = null;
        for (var i = 0; i < 200 && ended is null; i++)
        {
            var listed = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true }, Ct);
            ended = listed.CommandInvocations?.FirstOrDefault(c => c.Status == CommandInvocationStatus.Success);
            await Task.Delay(50, Ct);
        }

        Assert.NotNull(ended);
        var read = await _ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = id }, Ct);
        _clock.Resume();
        Assert.Equal(CommandInvocationStatus.Success, read.Status);
        Assert.Equal("ran at once\n", read.StandardOutputContent);
    }

    [Fact]
    public async Task a_failing_script_ends_failed_with_its_exit_code_and_stderr()
    {
        var id = await OnlineInstanceAsync();
        var commandId = await SendAsync(id, "echo broken >&2; exit 3");

        var done = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.Status == CommandInvocationStatus.Failed);

        Assert.Equal(3, done.ResponseCode);
        Assert.Equal("broken\n", done.StandardErrorContent);
    }

    [Fact]
    public async Task output_is_truncated_at_24000_characters_and_at_2500_in_listed_details_with_the_full_output_in_s3()
    {
        using var s3 = _gateway.S3();
        await s3.PutBucketAsync("ssm-output-bucket", Ct);
        var id = await OnlineInstanceAsync();
        var commandId = await SendAsync(id, "head -c 30000 /dev/zero | tr '\\0' a", "ssm-output-bucket");

        var done = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.Status == CommandInvocationStatus.Success);
        var listed = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true }, Ct);

        Assert.Equal(OutputTruncation.InvocationLimit, done.StandardOutputContent.Length);
        Assert.EndsWith("\n---Output truncated---", done.StandardOutputContent);
        var pluginOutput = Assert.Single(Assert.Single(listed.CommandInvocations).CommandPlugins).Output;
        Assert.Equal(OutputTruncation.PluginOutputLimit, pluginOutput.Length);
        using var full = await s3.GetObjectAsync("ssm-output-bucket", $"{commandId}/{id}/awsrunShellScript/0.awsrunShellScript/stdout", Ct);
        using var reader = new StreamReader(full.ResponseStream);
        Assert.Equal(new string('a', 30000), await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task an_instance_that_loses_its_path_to_ssm_becomes_connection_lost_and_commands_wait_pending()
    {
        var id = await OnlineInstanceAsync();
        _gateway.Reachability.Set($"fake-{id}", false);
        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.ConnectionLost);

        var commandId = await SendAsync(id, "echo delivered late");
        var waiting = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.StatusDetails != "InvocationDoesNotExist");
        Assert.Equal(CommandInvocationStatus.Pending, waiting.Status);

        // The path comes back (e.g. interface endpoints became available): the agent picks the command up.
        _gateway.Reachability.Set($"fake-{id}", true);
        var done = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.Status == CommandInvocationStatus.Success);
        Assert.Equal("delivered late\n", done.StandardOutputContent);
    }

    [Fact]
    public async Task a_command_for_an_instance_that_is_gone_ends_undeliverable()
    {
        var id = await OnlineInstanceAsync();
        _gateway.DataPlane.RemoveInstance(id);

        var commandId = await SendAsync(id, "echo never");
        var done = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.StatusDetails != "InvocationDoesNotExist");

        Assert.Equal(CommandInvocationStatus.Failed, done.Status);
        Assert.Equal("Undeliverable", done.StatusDetails);
        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.ConnectionLost);
    }

    [Fact]
    public async Task an_instance_that_never_reached_ssm_is_not_a_managed_node()
    {
        var id = await LabInstances.LaunchAsync(_gateway, reachable: false);

        var refused = await Assert.ThrowsAsync<InvalidInstanceIdException>(() => SendAsync(id, "echo no"));
        Assert.Equal("Instances not in a valid state for account", refused.Message);
        var nodes = await _ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [id] }],
        }, Ct);
        Assert.Empty(nodes.InstanceInformationList ?? []);
    }

    [Fact]
    public async Task a_waiting_command_can_be_cancelled()
    {
        var id = await OnlineInstanceAsync();
        _gateway.Reachability.Set($"fake-{id}", false);
        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.ConnectionLost);
        var commandId = await SendAsync(id, "echo too late");

        await _ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = commandId }, Ct);
        _gateway.Reachability.Set($"fake-{id}", true);

        var ended = await LabInstances.InvocationAsync(_ssm, commandId, id, r => r.StatusDetails != "InvocationDoesNotExist");
        Assert.Equal(CommandInvocationStatus.Cancelled, ended.Status);
        Assert.Equal(CommandStatus.Cancelled, Assert.Single((await _ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, Ct)).Commands).Status);
    }

    [Fact]
    public async Task describe_instance_information_filters_by_ping_status()
    {
        var online = await OnlineInstanceAsync();
        var lost = await OnlineInstanceAsync();
        _gateway.Reachability.Set($"fake-{lost}", false);
        await LabInstances.PingStatusAsync(_ssm, lost, PingStatus.ConnectionLost);

        var listed = await _ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            InstanceInformationFilterList = [new InstanceInformationFilter { Key = InstanceInformationFilterKey.PingStatus, ValueSet = ["ConnectionLost"] }],
        }, Ct);

        Assert.Contains(listed.InstanceInformationList, n => n.InstanceId == lost);
        Assert.DoesNotContain(listed.InstanceInformationList, n => n.InstanceId == online);
    }
}
