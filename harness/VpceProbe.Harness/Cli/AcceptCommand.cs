using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Accept;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Run;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe accept --vpc ID|--vpc-name NAME`: read-only acceptance of a VPC with no scenario. Discovers it, derives
/// each chosen instance's probes from its endpoints and routes (each with the reason), runs them through the
/// transport and reports. Exit 0 all met, 1 one not met (or, with --compare, a regression), 2 usage, 3 no report.
/// </summary>
internal static class AcceptCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var formats = RunCommand.RunFormats();
        var transport = new TransportOptions();
        var accept = new AcceptOptions();
        var files = new MatrixFileOptions();
        var command = new Command("accept", "Accept a VPC: probes derived from its own endpoints and routes, run on one SSM-managed instance per private subnet; changes nothing.");
        accept.AddTo(command);
        files.AddTo(command);
        transport.AddTo(command);
        formats.AddTo(command);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var destinations = formats.Resolve(parse);
            var aws = common.Aws(parse);

            // Everything the user typed is checked before the first AWS call.
            var (vpcId, vpcName) = accept.Which(parse);
            var options = accept.Derivation(parse);
            var waitFor = accept.Patience(parse);
            var extra = await accept.ExtraProbesAsync(parse, cancellationToken).ConfigureAwait(false);
            var saved = await files.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            var dryRun = parse.GetValue(accept.DryRun);
            var agents = dryRun ? null : transport.Create(parse, aws);

            vpcId ??= await FindByNameAsync(aws, vpcName!, cancellationToken).ConfigureAwait(false);
            var vpc = await AwsCommandErrors.DiscoverAsync(aws, vpcId, error, cancellationToken).ConfigureAwait(false);
            var selection = AcceptTargets.Choose(vpc, parse.GetValue(accept.Instances) ?? [], accept.Spread(parse));
            var plans = AcceptPlans.Build(vpc, selection, options, extra, parse.GetValue(accept.Plan)?.Name, waitFor);
            if (agents is null)
            {
                DryRunView.Write(plans, selection, output);
                return ExitCodes.Success;
            }

            foreach (var note in selection.Uncovered)
            {
                await error.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }

            var result = await new AcceptRun(agents, TimeProvider.System).RunAsync(vpc, plans, cancellationToken).ConfigureAwait(false);
            result = files.Finish(parse, result, saved);
            RunOutput.Write(result, destinations, output, error);
            return result.ExitCode;
        }));
        return command;
    }

    private static async Task<string> FindByNameAsync(AwsSettings aws, string name, CancellationToken cancellationToken)
    {
        using var ec2 = new AwsClientFactory(aws).Ec2();
        var ids = await VpcLocator.NamedAsync(ec2, name, cancellationToken).ConfigureAwait(false);
        return ids.Count == 1
            ? ids[0]
            : throw new UsageException(ids.Count == 0
                ? $"no VPC is named '{name}' in {aws.EffectiveRegion}; give --vpc ID"
                : $"{ids.Count} VPCs are named '{name}' ({string.Join(", ", ids)}); give --vpc ID");
    }
}
