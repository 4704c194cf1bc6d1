using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;
using Tag = Amazon.EC2.Model.Tag;

namespace VpceProbe.Lab.Tests.Ssm;

/// <summary>
/// What a harness fanning out to a fleet relies on: ListCommandInvocations pages, SendCommand Targets by tag with
/// MaxConcurrency and MaxErrors, and the control API's record of when each invocation ended and was first read
/// (backend: moto behind the test gateway, scripts run locally by the fake data plane).
/// </summary>
public class SsmFanOutTests(SharedMoto moto) : IAsyncLifetime
{
    private static readonly GatewayOptions Fast = new(FaultSettings.None, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(300));

    private TestGateway _gateway = null!;
    private AmazonSimpleSystemsManagementClient _ssm = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(moto.Server, Fast);
        _ssm = _gateway.Ssm();
    }

    public async ValueTask DisposeAsync()
    {
        _ssm.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task list_command_invocations_pages_with_max_results_and_next_token()
    {
        var id = await OnlineAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await SendAsync(new SendCommandRequest { InstanceIds = [id] }, "true");
        }

        var first = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { InstanceId = id, MaxResults = 2 }, Ct);
        var second = await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { InstanceId = id, MaxResults = 2, NextToken = first.NextToken }, Ct);

        Assert.Equal(2, first.CommandInvocations.Count);
        Assert.False(string.IsNullOrEmpty(first.NextToken));
        Assert.Single(second.CommandInvocations);
        Assert.True(string.IsNullOrEmpty(second.NextToken));
        Assert.Equal(3, first.CommandInvocations.Concat(second.CommandInvocations).Select(i => i.CommandId).Distinct().Count());
        // Past the model's maximum: the SDK's analyzer refuses the constant, so it is computed.
        var fiftyOne = first.CommandInvocations.Count + 49;
        var tooMany = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() =>
            _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { InstanceId = id, MaxResults = fiftyOne }, Ct));
        Assert.Equal("ValidationException", tooMany.ErrorCode);
        await Assert.ThrowsAsync<InvalidNextTokenException>(() =>
            _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { InstanceId = id, NextToken = "not-a-token" }, Ct));
    }

    [Fact]
    public async Task a_tag_target_selects_the_managed_nodes_with_that_tag_only()
    {
        var team = $"net-{Guid.NewGuid():N}"[..12];
        var tagged = new[] { await OnlineAsync(("team", team)), await OnlineAsync(("team", team)) };
        var other = await OnlineAsync(("team", "someone-else"));

        var commandId = await SendAsync(new SendCommandRequest { Targets = [new Target { Key = "tag:team", Values = [team] }] }, "echo tagged");
        var listed = await EventuallyAllEndedAsync(commandId, 2);

        Assert.Equal(tagged.Order(), listed.Select(i => i.InstanceId).Order());
        Assert.DoesNotContain(listed, i => i.InstanceId == other);
        Assert.All(listed, i => Assert.Equal("tagged\n", i.CommandPlugins.Single().Output));
        var command = Assert.Single((await _ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, Ct)).Commands);
        Assert.Equal("tag:team", command.Targets.Single().Key);
    }

    [Fact]
    public async Task max_concurrency_one_runs_the_targets_one_after_the_other()
    {
        var ids = new[] { await OnlineAsync(), await OnlineAsync() };

        var commandId = await SendAsync(new SendCommandRequest { InstanceIds = [.. ids], MaxConcurrency = "1", MaxErrors = "100%" }, "sleep 0.3");
        await EventuallyAllEndedAsync(commandId, 2);

        var timeline = await TimelineAsync(commandId);
        var (first, second) = (timeline[0], timeline[1]);
        Assert.True(second.GetProperty("executionStart").GetDateTimeOffset() >= first.GetProperty("executionEnd").GetDateTimeOffset());
    }

    [Fact]
    public async Task past_max_errors_the_invocations_not_sent_yet_are_terminated()
    {
        var ids = new[] { await OnlineAsync(), await OnlineAsync() };

        var commandId = await SendAsync(new SendCommandRequest { InstanceIds = [.. ids], MaxConcurrency = "1", MaxErrors = "0" }, "exit 3");
        var listed = await EventuallyAllEndedAsync(commandId, 2);

        Assert.Equal(["Failed", "Terminated"], listed.Select(i => i.StatusDetails).Order());
    }

    [Fact]
    public async Task the_control_api_records_when_each_invocation_ended_and_was_first_read_ended()
    {
        var id = await OnlineAsync();
        var commandId = await SendAsync(new SendCommandRequest { InstanceIds = [id] }, "echo done");

        await EventuallyAllEndedAsync(commandId, 1);
        var record = Assert.Single(await TimelineAsync(commandId));

        Assert.Equal("Success", record.GetProperty("status").GetString());
        var ended = record.GetProperty("executionEnd").GetDateTimeOffset();
        var read = record.GetProperty("firstReadEnded").GetDateTimeOffset();
        Assert.True(read >= ended);
        Assert.Equal((read - ended).TotalMilliseconds, record.GetProperty("pickUpMs").GetDouble(), precision: 3);
        using var http = new HttpClient { BaseAddress = _gateway.Url };
        using var calls = JsonDocument.Parse(await http.GetStringAsync("/_lab/ssm/invocations", Ct));
        Assert.True(calls.RootElement.GetProperty("calls").GetProperty("ListCommandInvocations").GetInt32() >= 1);
    }

    private async Task<string> OnlineAsync(params (string Key, string Value)[] tags)
    {
        var id = await LabInstances.LaunchAsync(_gateway, reachable: true);
        if (tags.Length > 0)
        {
            using var ec2 = _gateway.Ec2();
            await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, Ct);
        }

        await LabInstances.PingStatusAsync(_ssm, id, PingStatus.Online);

        // The next heartbeat after tagging has the tags: wait for one more round.
        await Task.Delay(Fast.HeartbeatInterval * 3, Ct);
        return id;
    }

    private async Task<string> SendAsync(SendCommandRequest request, string script)
    {
        request.DocumentName = "AWS-RunShellScript";
        request.Parameters = new Dictionary<string, List<string>> { ["commands"] = [script] };
        return (await _ssm.SendCommandAsync(request, Ct)).Command.CommandId;
    }

    private Task<List<CommandInvocation>> EventuallyAllEndedAsync(string commandId, int count) =>
        Eventually.MatchAsync(
            async () => (await _ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true }, Ct)).CommandInvocations ?? [],
            list => list.Count == count && list.All(i => i.Status != CommandInvocationStatus.Pending && i.Status != CommandInvocationStatus.InProgress));

    private async Task<List<JsonElement>> TimelineAsync(string commandId)
    {
        using var http = new HttpClient { BaseAddress = _gateway.Url };
        var body = JsonDocument.Parse(await http.GetStringAsync("/_lab/ssm/invocations", Ct)).RootElement;
        return [.. body.GetProperty("invocations").EnumerateArray().Where(i => i.GetProperty("commandId").GetString() == commandId)
            .OrderBy(i => i.GetProperty("executionStart").GetDateTimeOffset())];
    }
}
