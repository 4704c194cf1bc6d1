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
internal static class ProbeCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var transport = new TransportOptions();
        var formats = RunCommand.RunFormats();
        var instances = new Option<string[]>("--instance") { Description = "Target instance ids.", Required = true, AllowMultipleArgumentsPerToken = true };
        OptionChecks.InstanceIds(instances);
        var plan = new Option<FileInfo>("--plan") { Description = "The probe plan (JSON, the agent's format).", Required = true };
        var files = new MatrixFileOptions();
        var command = new Command("probe", "Run the agent once on instances with a plan; changes nothing.");
        command.Options.Add(instances);
        command.Options.Add(plan);
        files.AddTo(command);
        transport.AddTo(command);
        formats.AddTo(command);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var destinations = formats.Resolve(parse);
            var file = parse.GetRequiredValue(plan);
            var read = await ReadPlanAsync(file, cancellationToken).ConfigureAwait(false);
            if (!read.IsValid)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", read.Errors.Select(e => e.In(file.Name))));
            }

            var aws = common.Aws(parse);
            await InstanceCheck.ExistAsync(aws, parse.GetRequiredValue(instances), cancellationToken).ConfigureAwait(false);

            var saved = await files.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            var started = TimeProvider.System.GetUtcNow();
            var agents = transport.Create(parse, aws);
            var runs = await agents.RunAsync(parse.GetRequiredValue(instances), read.Plan!, cancellationToken).ConfigureAwait(false);
            var phase = new PhaseResult("probe", [], MatrixBuilder.Build("probe", read.Plan!, runs), runs);
            var result = new RunResult
            {
                RunId = $"probe-{started:yyyyMMdd-HHmmss}",
                Scenario = file.Name,
                VpcId = "",
                Transport = agents.Kind.Name(),
                StartedAt = started,
                Duration = TimeProvider.System.GetUtcNow() - started,
                Phases = [phase],
                ExitCode = ExitVerdict.For([phase]),
            };
            if (files.Wanted(parse))
            {
                using var ec2 = new Aws.AwsClientFactory(common.Aws(parse)).Ec2();
                var instances = await Compare.InstanceIdentities.DescribeAsync(ec2, result, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
                result = files.Finish(parse, result with { Instances = instances }, saved);
            }

            RunOutput.Write(result, destinations, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return result.ExitCode;
        }));
        return command;
    }

    /// <summary>At most one byte past <see cref="InputLimits.MaxBytes"/> is read, as the agent does.</summary>
    private static async Task<PlanReadResult> ReadPlanAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UsageException($"plan file '{file.FullName}' not found");
        }

        await using var stream = file.OpenRead();
        var buffer = new byte[InputLimits.MaxBytes + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return PlanReader.FromUtf8(buffer.AsSpan(0, length));
    }
}
