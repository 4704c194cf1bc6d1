using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>How the local transport hands the plan over and keeps its agents: on stdin, at once, and never orphaned.</summary>
public class LocalTransportInputTests(MotoFixture moto)
{
    [Fact]
    public async Task a_plan_larger_than_a_command_line_argument_reaches_the_agent_on_standard_input()
    {
        // 500 http probes with long URLs to a closed port: over 128 KB of JSON, Linux's limit for one argument.
        var probes = Enumerable.Range(0, 500).Select(i => new ProbeSpec
        {
            Id = $"closed-{i:D3}", Kind = ProbeKinds.Http, Url = $"http://127.0.0.1:1/{new string('x', 250)}", Expect = Expectations.Unreachable,
            Timeout = "2s",
        }).ToList();
        var plan = new ProbePlan { Probes = probes, Deadline = "60s", Region = "us-east-1" };
        Assert.True(PlanReader.ToJson(plan).Length > 128 * 1024);

        var run = Assert.Single(await new LocalTransport(AgentBinary.Path, null, TimeSpan.FromMinutes(1)).RunAsync(["i-1"], plan, TestContext.Current.CancellationToken));

        Assert.True(run.Status == AgentRunStatus.Completed, run.Error);
        Assert.Equal(500, run.Report!.Results.Count);
    }

    [Fact]
    public async Task the_targets_run_at_the_same_time_not_one_after_another()
    {
        // An HTTP server that answers nobody until three requests are open at once: agents run one after another would
        // each wait alone until their probe's timeout (unreachable); run together, all three are answered (reachable).
        const int targets = 3;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var barrier = AnswerWhenAllConnectedAsync(listener, targets, TestContext.Current.CancellationToken);
        var plan = new ProbePlan
        {
            Probes = [new ProbeSpec { Id = "barrier", Kind = ProbeKinds.Http, Url = $"http://{listener.LocalEndpoint}/", Expect = Expectations.Reachable, Timeout = "60s" }],
            Deadline = "90s",
        };

        var runs = await new LocalTransport(AgentBinary.Path, null, TimeSpan.FromMinutes(2))
            .RunAsync([.. Enumerable.Range(1, targets).Select(i => $"i-{i}")], plan, TestContext.Current.CancellationToken);

        Assert.Equal(targets, await barrier);
        Assert.All(runs, r =>
        {
            Assert.True(r.Status == AgentRunStatus.Completed, r.Error);
            Assert.Equal(Outcome.Reachable, Assert.Single(r.Report!.Results).Outcome);
        });
    }

    /// <summary>Holds each connection until <paramref name="count"/> have sent their request, then answers them all; returns how many it answered.</summary>
    private static async Task<int> AnswerWhenAllConnectedAsync(TcpListener listener, int count, CancellationToken cancellationToken)
    {
        var held = new List<TcpClient>();
        try
        {
            while (held.Count < count)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                held.Add(client);
                var head = new byte[4096];
                _ = await client.GetStream().ReadAsync(head, cancellationToken);
            }

            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            foreach (var client in held)
            {
                await client.GetStream().WriteAsync(answer, cancellationToken);
            }

            return held.Count;
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task an_agent_whose_harness_is_killed_with_sigkill_exits_instead_of_running_on()
    {
        // A nameserver that never answers keeps the agent's dns probe waiting for 60 s.
        // `probe` asks EC2 (moto) that the instance exists before it starts the agent.
        var instance = await VpcSeed.LoneInstanceAsync(moto);
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var plan = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-orphan-").FullName, "plan.json");
        await File.WriteAllTextAsync(plan, $$"""
            {"schemaVersion": 1, "deadline": "90s", "probes": [{"id": "wait", "kind": "dns", "name": "example.com",
             "nameserver": "{{silent.LocalEndPoint}}", "expect": "private", "timeout": "60s"}]}
            """, TestContext.Current.CancellationToken);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll"), "probe", "--instance", instance, "--plan", plan,
            "--transport", "local", "--agent", AgentBinary.Path, .. moto.CliArgs,
            "--output-dir", Path.GetDirectoryName(plan)!])
        {
            psi.ArgumentList.Add(arg);
        }

        using var harness = Process.Start(psi)!;
        var agent = await AgentOfAsync(harness.Id);
        Assert.True(agent is not null, "the harness started no agent within 30 s");

        harness.Kill(entireProcessTree: false); // SIGKILL to the harness alone: it cannot end its children
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{agent}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var orphaned = Directory.Exists($"/proc/{agent}");
        if (orphaned)
        {
            Process.GetProcessById(agent!.Value).Kill();
        }

        Assert.False(orphaned, $"agent {agent} still runs 10 s after its harness was killed");
    }

    /// <summary>The agent process the harness started: the one whose environment names the harness as its parent.</summary>
    private static async Task<int?> AgentOfAsync(int harnessPid)
    {
        var marker = $"{AgentVariables.ParentPid}={harnessPid}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains(marker))
                    {
                        return int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A process that ended while we looked, or one we may not read: not ours.
                }
            }

            await Task.Delay(100);
        }

        return null;
    }
}
