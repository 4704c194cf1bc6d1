using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Cli;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Cli;

/// <summary>
/// `vpceprobe-lab up|down|status|topology|demo` (and the hidden `serve`, the daemon `up` starts), which `vpceprobe lab …`
/// and `vpceprobe demo` start: the VPC lab on this machine. Exit codes: 0 done, 1 `status` found no lab, 2 not root / no namespaces / bad name (nothing made),
/// 3 the lab failed to start (what it made was removed). An invalid topology is exit 2 too, with every error.
/// </summary>
internal static class LabCommand
{
    /// <summary>Where the lab's AWS endpoint listens unless `--port` says otherwise (LocalStack's port, which the AWS tooling knows).</summary>
    public const int DefaultPort = 4566;

    /// <summary>The one list of the lab program's commands.</summary>
    public static RootCommand BuildRoot()
    {
        var lab = new RootCommand("vpceprobe-lab: the VPC lab, an offline twin of a VPC (moto + network namespaces), as root.");
        lab.Options.Add(HarnessCli.VerboseOption());
        lab.Subcommands.Add(Up());
        lab.Subcommands.Add(Down());
        lab.Subcommands.Add(Status());
        lab.Subcommands.Add(Serve());
        lab.Subcommands.Add(LabTopologyCommand.Build());
        lab.Subcommands.Add(DemoCommand.Build());
        return lab;
    }

    internal static Option<string> NameOption() => new("--name")
    {
        Description = "The lab's name (namespaces are vpl-NAME-…); lowercase letters and digits, at most 12.",
        DefaultValueFactory = _ => LabNames.DefaultLab,
    };

    /// <summary>`--port`: the loopback port of the lab's AWS endpoint, so a second lab can run beside the first.</summary>
    internal static Option<int> PortOption()
    {
        var port = new Option<int>("--port")
        {
            Description = $"The loopback port of the lab's AWS endpoint (http://127.0.0.1:PORT); another lab or LocalStack may hold {DefaultPort}.",
            DefaultValueFactory = _ => DefaultPort,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port must be between 1 and 65535");
            }
        });
        return port;
    }

    /// <summary>How this very program is started again, for the detached daemon (`dotnet vpceprobe-lab.dll` or the apphost).</summary>
    internal static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath ?? "vpceprobe-lab";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, typeof(LabCommand).Assembly.Location] : [process];
    }

    /// <summary>Up: the topology is read and validated, the machine checked, then the launcher; prints the summary. Shared with `demo`.</summary>
    internal static async Task<(int ExitCode, LabRecord? Record)> UpAsync(LabNames names, LabUpSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var read = TopologyReader.Read(settings.Topology);
        if (read.Topology is not { } topology)
        {
            await error.WriteLineAsync($"topology {read.Origin} is not valid ({read.Errors.Count} error(s); nothing was made):").ConfigureAwait(false);
            read.Errors.ToList().ForEach(e => error.WriteLine($"  {e}"));
            return (ExitCodes.Usage, null);
        }

        var arm64 = topology.Instances.Any(i => i.Architecture == Architectures.Arm) ? Arm64Emulation.Problem() : null;
        string?[] more = [LabPreflight.PortProblem(settings.Port), arm64];
        if (LabPreflight.Problems().Concat(more.OfType<string>()).ToList() is { Count: > 0 } problems)
        {
            await error.WriteLineAsync("the lab cannot start on this machine (nothing was made):").ConfigureAwait(false);
            problems.ToList().ForEach(p => error.WriteLine($"  - {p}"));
            return (ExitCodes.Usage, null);
        }

        try
        {
            var record = await new LabLauncher(names, SelfCommand(), TimeProvider.System, error).UpAsync(topology, settings.GatewayUrl, settings.Faults, ct).ConfigureAwait(false);
            LabSummary.Write(output, record, LabSummary.RegionOf(record));
            return (ExitCodes.Success, record);
        }
        catch (LabAlreadyUpException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return (ExitCodes.Usage, null);
        }
        catch (Exception e) when (e is LabCommandException or InvalidOperationException or IOException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            await error.WriteLineAsync($"lab up failed, everything it made was removed: {e.Message}").ConfigureAwait(false);
            return (ExitCodes.Infrastructure, null);
        }
    }

    private static Command Up()
    {
        var name = NameOption();
        var port = PortOption();
        var topology = new Option<string>("--topology")
        {
            Description = $"The VPC to build: a built-in topology ({string.Join(", ", LabTopology.BuiltIn)}) or a topology file (lab/README.md); validated before anything is made.",
            DefaultValueFactory = _ => "walkthrough",
        };
        var faults = new Option<string?>("--faults")
        {
            Description = "Faults the lab's gateway injects once the lab is seeded and ready, e.g. latency=200ms,throttle=0.1,5xx=0.05,fail-once=SendCommand "
                + "(also: PUT /_lab/faults on the endpoint).",
        };
        faults.Validators.Add(result =>
        {
            try
            {
                FaultSettings.Parse(result.GetValueOrDefault<string?>() ?? string.Empty);
            }
            catch (FormatException e)
            {
                result.AddError($"--faults: {e.Message}");
            }
        });
        var command = new Command("up", "Start the lab and seed its VPC; prints the endpoint, the ids and how to point the harness at it.") { name, port, topology, faults };
        command.SetAction(async (parse, ct) => await WithNameAsync(parse, name, async names =>
        {
            var settings = new LabUpSettings(parse.GetRequiredValue(topology), parse.GetValue(port), FaultSettings.Parse(parse.GetValue(faults) ?? string.Empty));
            var (exitCode, _) = await UpAsync(names, settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct).ConfigureAwait(false);
            return exitCode;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Down()
    {
        var name = NameOption();
        var command = new Command("down", "Stop the lab and remove everything it made (also after a crash). Idempotent.") { name };
        command.SetAction(async (parse, ct) => await WithNameAsync(parse, name, async names =>
        {
            var removed = await new LabSweeper(names, parse.InvocationConfiguration.Error, TimeProvider.System).SweepAsync(ct).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(removed.Count == 0 ? $"lab {names.Lab}: nothing to remove" : $"lab {names.Lab} removed: {string.Join(", ", removed)}");
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Status()
    {
        var name = NameOption();
        var command = new Command("status", "Is the lab up? Its endpoint, processes, namespaces and ids.") { name };
        command.SetAction(async (parse, ct) => await WithNameAsync(parse, name, names => LabStatusReport.WriteAsync(names, parse.InvocationConfiguration.Output, ct)).ConfigureAwait(false));
        return command;
    }

    private static Command Serve()
    {
        var name = NameOption();
        var command = new Command("serve", "The lab daemon (started by `up`).") { name };
        command.Hidden = true;
        command.SetAction(async (parse, ct) => await WithNameAsync(parse, name, names =>
            new LabDaemon(names, TimeProvider.System, parse.InvocationConfiguration.Output).RunAsync(ct)).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> WithNameAsync(ParseResult parse, Option<string> name, Func<LabNames, Task<int>> body)
    {
        var lab = parse.GetRequiredValue(name);
        if (!LabNames.IsValid(lab))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: lab name '{lab}' must be 1-12 lowercase letters or digits").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await body(new LabNames(lab)).ConfigureAwait(false);
    }
}

/// <summary>What `lab up` (and `demo`) start: the topology, the endpoint's port, and the faults put in force once seeded.</summary>
internal sealed record LabUpSettings(string Topology, int Port, FaultSettings Faults)
{
    public Uri GatewayUrl => new($"http://127.0.0.1:{Port}");
}
