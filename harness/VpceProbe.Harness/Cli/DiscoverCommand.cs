using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe discover --vpc ID [--format table|json|html] [--output FILE|DIR]`: the VPC as the harness sees it. Describe calls only.
/// Exit codes: 0 read; 2 unknown VPC id (in that region) or bad AWS settings; 3 an AWS call failed.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var vpc = new Option<string>("--vpc") { Description = "The VPC id (vpc-...).", Required = true };
        var formats = new FormatOptions<VpcSnapshot>(ReportCatalog.Discover, null, jsonAlias: true);
        var deleted = new Option<bool>("--include-deleted") { Description = "Also list endpoints that are deleted, deleting, failed, rejected or expired (AWS keeps listing them for a while)." };
        var command = new Command("discover", "Show the VPC as the harness sees it: CIDRs, DNS attributes, subnets, routes, NAT gateways, endpoints, instances.");
        command.Options.Add(vpc);
        formats.AddTo(command);
        command.Options.Add(deleted);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(parse, async () =>
            {
                var destinations = formats.Resolve(parse);
                var snapshot = await AwsCommandErrors.DiscoverAsync(common.Aws(parse), parse.GetRequiredValue(vpc), error, cancellationToken).ConfigureAwait(false);
                var shown = parse.GetValue(deleted) ? snapshot : snapshot with { Endpoints = [.. snapshot.Endpoints.Where(EndpointStates.IsLive)] };
                ReportOutput.Write(destinations, shown, parse.InvocationConfiguration.Output);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
