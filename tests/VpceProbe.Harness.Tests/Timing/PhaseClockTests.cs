using Microsoft.Extensions.Time.Testing;
using VpceProbe.Contract;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Timing;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Tests.Timing;

/// <summary>A phase's time split into its parts, on fake time: no clock, no AWS.</summary>
public class PhaseClockTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task a_phase_splits_into_changes_aws_waits_deploy_agent_ssm_and_harness_that_add_up()
    {
        var time = new FakeTimeProvider();
        var waits = new ResourceWaits(time, S(60));
        var transport = new TimedTransport();
        transport.Calls.Add("SendCommand");
        var clock = new PhaseClock(time, waits, transport);

        time.Advance(S(1));
        await waits.UntilAsync("endpoint available", _ => { time.Advance(S(2)); return ValueTask.FromResult(true); }, ok => ok, TestContext.Current.CancellationToken);
        clock.ChangesApplied();
        transport.Deploying += S(0.5);
        transport.Calls.Add("SendCommand");
        transport.Calls.Add("ListCommandInvocations");
        transport.Calls.Add("ListCommandInvocations");
        time.Advance(S(2));
        clock.TransportRan(S(2));
        time.Advance(S(0.2));

        var timing = clock.Finish([Run(1000), Run(600)]);

        Assert.Equal(new PhaseTiming(5200, 1000, 2000, 500, 1000, 500, 200, timing.SsmCalls), timing);
        Assert.Equal(new Dictionary<string, int> { ["ListCommandInvocations"] = 2, ["SendCommand"] = 1 }, timing.SsmCalls);
        Assert.Equal(
            "5.2 s: changes 1.0, AWS waits 2.0, agent deploy 0.5, agent 1.0, SSM beyond the agent 0.5, harness 0.2; SSM calls 2 ListCommandInvocations, 1 SendCommand",
            timing.Line());
    }

    [Fact]
    public void a_transport_without_timing_leaves_deploy_and_calls_out()
    {
        var time = new FakeTimeProvider();
        var clock = new PhaseClock(time, new ResourceWaits(time, S(60)), new LocalTransport("agent", null, S(10)));
        clock.ChangesApplied();
        time.Advance(S(1));
        clock.TransportRan(S(1));

        var timing = clock.Finish([Run(250)]);

        Assert.Equal(new PhaseTiming(1000, 0, 0, 0, 250, 750, 0), timing);
    }

    [Fact]
    public void the_run_total_adds_the_phases_and_their_calls()
    {
        var total = PhaseTiming.Sum([
            new PhaseTiming(10, 1, 2, 3, 1, 2, 1, new Dictionary<string, int> { ["SendCommand"] = 1 }),
            new PhaseTiming(20, 2, 4, 6, 2, 4, 2, new Dictionary<string, int> { ["SendCommand"] = 2, ["GetCommandInvocation"] = 1 }),
        ]);

        Assert.Equal((30L, 3L, 6L, 9L, 3L, 6L, 3L), (total.TotalMs, total.ApplyingChangesMs, total.WaitingForAwsMs, total.DeployingAgentMs, total.InAgentMs, total.WaitingForSsmMs, total.HarnessMs));
        Assert.Equal(new Dictionary<string, int> { ["GetCommandInvocation"] = 1, ["SendCommand"] = 3 }, total.SsmCalls);
    }

    private static AgentRun Run(long agentMs) => new("i-0", AgentRunStatus.Completed, new AgentReport
    {
        Agent = new AgentInfo("vpceprobe-agent", "0.1.0"), Host = new HostFacts(), DurationMs = agentMs,
    });

    private sealed class TimedTransport : IAgentTransport, ITransportTiming
    {
        public TransportKind Kind => TransportKind.Local;

        public TimeSpan Deploying { get; set; }

        public SsmCallCounter Calls { get; } = new();

        public Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the clock only reads its timing");
    }
}
