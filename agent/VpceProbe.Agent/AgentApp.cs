using System.Reflection;
using VpceProbe.Agent.Cli;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Runner;
using VpceProbe.Contract;

namespace VpceProbe.Agent;

/// <summary>
/// The whole agent behind its command line: arguments and streams in, exit code out. Program.cs only wires
/// the real console, clock and signals to it; tests run it in-process with their own.
/// </summary>
internal sealed class AgentApp(TimeProvider time, Func<string?, HostFacts> hostFacts, Func<string, string?> environment)
{
    public const string Name = "vpceprobe-agent";

    /// <summary>The version without the source-revision suffix the SDK appends ("0.1.0", not "0.1.0+abc123").</summary>
    public static string Version { get; } =
        (typeof(AgentApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (arguments, usageErrors) = AgentArguments.Parse(args);
        if (usageErrors.Count > 0)
        {
            return Fail(stderr, ExitCodes.Usage, usageErrors.Select(e => $"{Name}: {e}").Append("run 'vpceprobe-agent --help' for usage"));
        }

        if (arguments.ShowHelp || arguments.ShowVersion)
        {
            await stdout.WriteLineAsync(arguments.ShowHelp ? AgentArguments.HelpText : $"{Name} {Version}").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        PlanReadResult read;
        try
        {
            read = await PlanInput.ReadAsync(arguments, stdin, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(stderr, ExitCodes.Infrastructure, [$"{Name}: interrupted while reading the plan; no probe ran"]);
        }

        if (!read.IsValid)
        {
            return Fail(stderr, ExitCodes.Usage, read.Errors.Select(e => $"{Name}: plan error: {e.In(arguments.PlanSource)}"));
        }

        var plan = read.Plan!;
        var settings = PlanSettings.From(plan, environment);
        var planned = new List<PlannedProbe>();
        for (var i = 0; i < plan.Probes.Count; i++)
        {
            var spec = plan.Probes[i];
            if (ProbeCatalog.TryCreate(spec, settings) is not { } probe)
            {
                // The contract knows the kind but this build has no probe for it: our defect, not the plan's.
                return Fail(stderr, ExitCodes.Infrastructure, [$"{Name}: probes[{i}].kind: this agent build has no '{spec.Kind}' probe"]);
            }

            planned.Add(PlannedProbe.From(spec, probe));
        }

        var deadline = Duration.TryParse(plan.Deadline, out var d) ? d : ProbeRunner.DefaultDeadline;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var outcome = await new ProbeRunner(time).RunAsync(planned, settings.PrivateRanges, deadline, cancellationToken).ConfigureAwait(false);
        if (outcome.Interrupted is { } reason)
        {
            await stderr.WriteLineAsync(reason == InterruptReason.Deadline
                ? $"{Name}: the plan's deadline ({Duration.Format(deadline)}) passed; unfinished probes are reported as cancelled"
                : $"{Name}: interrupted; unfinished probes are reported as cancelled").ConfigureAwait(false);
        }

        var report = new AgentReport
        {
            Agent = new AgentInfo(Name, Version),
            Host = hostFacts(settings.Region),
            StartedAt = startedAt,
            DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
            Interrupted = outcome.Interrupted is not null,
            Pass = outcome.Pass,
            Results = outcome.Results,
        };
        arguments.Writer.Write(report, stdout);
        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return report.Pass ? ExitCodes.Success : ExitCodes.ExpectationFailed;
    }

    private static int Fail(TextWriter stderr, int exitCode, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            stderr.WriteLine(line);
        }

        return exitCode;
    }
}
