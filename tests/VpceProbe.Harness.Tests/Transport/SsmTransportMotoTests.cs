using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Ssm;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using static VpceProbe.Harness.Tests.Transport.TransportSamples;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>
/// The SSM API calls against moto (backend: moto). moto accepts SendCommand and answers GetCommandInvocation
/// with Success and empty output, running nothing: what is checked here is the request AWS would get.
/// </summary>
public class SsmTransportMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task the_agent_is_sent_as_one_plain_run_shell_script_command_with_the_plan_in_base64()
    {
        var ids = new[] { $"i-{Guid.NewGuid():N}"[..19], $"i-{Guid.NewGuid():N}"[..19] };
        var ssm = moto.Clients.Ssm();
        var plan = Plan();

        var runs = await OverSsm(ssm, moto.Clients.S3(), InstalledOn(ids)).RunAsync(ids, plan, TestContext.Current.CancellationToken);

        // The ids are made up for this test, so the command that lists them is this test's.
        var command = Assert.Single(await MotoCommands.ForAsync(ssm, ids[0]));
        Assert.Subset(command.InstanceIds.ToHashSet(), ids.ToHashSet());
        var line = MotoCommands.Line(command);
        Assert.Equal($"{AgentPath} --plan-base64 {PlanReader.ToBase64(plan)}", line);
        foreach (var op in new[] { "&&", "||", ";", "|", ">", "<", "$(", "`", "&" })
        {
            Assert.DoesNotContain(op, line, StringComparison.Ordinal);
        }

        Assert.Equal(["90"], command.Parameters["executionTimeout"]);
        Assert.Equal("100%", command.MaxErrors);
        Assert.Equal(120, command.TimeoutSeconds);
        Assert.True(PlanReader.FromBase64(line.Split(' ')[^1]).IsValid);

        // moto ran nothing, so there is no report: the transport says so instead of inventing one.
        Assert.All(runs, r => Assert.Equal(AgentRunStatus.NoReport, r.Status));
    }
}
