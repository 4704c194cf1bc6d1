using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Snapshots;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe discover --vpc ID [--json]`: the VPC as the harness sees it. Describe calls only.
/// Exit codes: 0 read; 2 unknown VPC id (in that region) or bad AWS settings; 3 an AWS call failed.
/// </summary>
public static class DiscoverCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var vpc = new Option<string>("--vpc") { Description = "The VPC id (vpc-...).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the snapshot as JSON instead of tables." };
        var command = new Command("discover", "Show the VPC as the harness sees it: CIDRs, DNS attributes, subnets, routes, NAT gateways, endpoints, instances.");
        command.Options.Add(vpc);
        command.Options.Add(json);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return AwsCommandErrors.RunAsync(error, async () =>
            {
                var snapshot = await AwsCommandErrors.DiscoverAsync(common.Aws(parse), parse.GetRequiredValue(vpc), error, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(SnapshotJson.Serialize(snapshot)).ConfigureAwait(false);
                }
                else
                {
                    SnapshotView.Render(snapshot, ConsoleFor.Writer(output));
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }
}
