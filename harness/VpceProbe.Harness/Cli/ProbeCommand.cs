using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe probe --instance ID… --plan FILE`: one agent run on the targets, no change to the VPC
/// (verification after a change made by other means). Exit 0 all met, 1 one not met, 2 bad plan, 3 no report.
/// </summary>
public static class ProbeCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var transport = new TransportOptions();
        var formats = RunCommand.RunFormats();
        var instances = new Option<string[]>("--instance") { Description = "Target instance ids.", Required = true, AllowMultipleArgumentsPerToken = true };
        var plan = new Option<FileInfo>("--plan") { Description = "The probe plan (JSON, the agent's format).", Required = true };
        var command = new Command("probe", "Run the agent once on instances with a plan; changes nothing.");
        command.Options.Add(instances);
        command.Options.Add(plan);
        transport.AddTo(command);
        formats.AddTo(command);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var destinations = formats.Resolve(parse);
            var file = parse.GetRequiredValue(plan);
            var read = Contract.PlanReader.FromJson(File.Exists(file.FullName)
                ? await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false)
                : throw new UsageException($"plan file '{file.FullName}' not found"));
            if (!read.IsValid)
            {
                throw new UsageException($"{file.Name}: {string.Join("; ", read.Errors)}");
            }

            var started = TimeProvider.System.GetUtcNow();
            var agents = transport.Create(parse, common.Aws(parse));
            var runs = await agents.RunAsync(parse.GetRequiredValue(instances), read.Plan!, cancellationToken).ConfigureAwait(false);
            var phase = new PhaseResult("probe", [], MatrixBuilder.Build("probe", read.Plan!, runs), runs);
            var result = new RunResult
            {
                RunId = $"probe-{started:yyyyMMdd-HHmmss}",
                Scenario = file.Name,
                VpcId = "",
                Transport = agents.Name,
                StartedAt = started,
                Duration = TimeProvider.System.GetUtcNow() - started,
                Phases = [phase],
                ExitCode = runs.Any(r => r.Status != AgentRunStatus.Completed) ? ExitCodes.Infrastructure
                    : phase.Pass ? ExitCodes.Success : ExitCodes.ExpectationFailed,
            };
            RunOutput.Write(result, destinations, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return result.ExitCode;
        }));
        return command;
    }
}
