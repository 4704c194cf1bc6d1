using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Runs the agent as a child process on this machine, once per target id and all at once: for emulators
/// (moto, LocalStack) and tests, where "the instance" is this host. The plan goes on standard input
/// (`--plan -`): a command line is limited to about 128 KB per argument, a pipe is not. The AWS endpoint the
/// agent uses comes from the plan's endpoints (filled from --endpoint-url when the plan has none) or
/// AWS_ENDPOINT_URL, inherited. Each agent is told this process's id, and exits if this process disappears
/// without ending it (SIGKILL): see the agent's ParentWatch.
/// </summary>
internal sealed class LocalTransport(string agentPath, string? endpointUrl, TimeSpan timeout) : IAgentTransport
{
    /// <summary>The services the agent calls; each gets the emulator endpoint when one is given.</summary>
    private static readonly string[] AgentServices = ["s3", "secretsmanager", "sts"];

    public TransportKind Kind => TransportKind.Local;

    public async Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken)
    {
        var withEndpoints = plan.Endpoints is null && endpointUrl is not null
            ? plan with { Endpoints = AgentServices.ToDictionary(s => s, _ => endpointUrl) }
            : plan;
        var json = PlanReader.ToJson(withEndpoints);
        return await Task.WhenAll(instanceIds.Select(id => RunOneAsync(id, json, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<AgentRun> RunOneAsync(string instanceId, string planJson, CancellationToken cancellationToken)
    {
        // A .dll is a framework-dependent build (dotnet vpceprobe-agent.dll); anything else is the published binary.
        var isDll = agentPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var psi = new ProcessStartInfo(isDll ? "dotnet" : agentPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        if (isDll)
        {
            psi.ArgumentList.Add(agentPath);
        }

        psi.ArgumentList.Add("--plan");
        psi.ArgumentList.Add("-");
        psi.Environment[AgentVariables.ParentPid] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception($"could not start {agentPath}");
        }
        catch (Win32Exception e)
        {
            return new AgentRun(instanceId, AgentRunStatus.Failed, null, null, $"could not start the agent '{agentPath}': {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await WritePlanAsync(process, planJson, deadline.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return cancellationToken.IsCancellationRequested
                    ? new AgentRun(instanceId, AgentRunStatus.Cancelled, null, null, "cancelled")
                    : new AgentRun(instanceId, AgentRunStatus.TimedOut, null, null, $"the agent did not finish within {Duration.Format(timeout)}");
            }

            return Interpret(instanceId, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>An agent that exits before reading all of the plan (a usage error) closes the pipe: its exit code and stderr say why.</summary>
    private static async Task WritePlanAsync(Process process, string planJson, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(planJson.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Broken pipe: the agent is gone; WaitForExitAsync and Interpret report how it ended.
        }
    }

    /// <summary>A report on stdout is a completed run whatever the exit code; without one, the exit code says why.</summary>
    internal static AgentRun Interpret(string instanceId, int exitCode, string stdout, string stderr)
    {
        var report = ReportJson.TryRead(stdout.Trim());
        var error = string.IsNullOrWhiteSpace(stderr) ? null : stderr.Trim();
        return report is not null
            ? new AgentRun(instanceId, AgentRunStatus.Completed, report, exitCode, error)
            : exitCode == ExitCodes.Usage
                ? new AgentRun(instanceId, AgentRunStatus.Failed, null, exitCode, $"the agent refused the plan: {error}")
                : new AgentRun(instanceId, AgentRunStatus.NoReport, null, exitCode, $"the agent exited {exitCode} without a report: {error ?? stdout.Trim()}");
    }
}
