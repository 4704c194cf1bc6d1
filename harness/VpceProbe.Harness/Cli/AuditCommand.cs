using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Reports.Audits;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe audit --vpc ID [--format table|json|html|sarif] [--output FILE|DIR] [--fail-on SEVERITY]`: the VPC
/// checked against the rules of <see cref="AuditRules.All"/>, with Describe calls only. Exit codes: 0 no finding
/// at or above --fail-on; 1 some; 2 usage error (bad option, unknown VPC); 3 AWS error.
/// </summary>
internal static class AuditCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var vpc = new Option<string>("--vpc") { Description = "The VPC id (vpc-...).", Required = true };
        var formats = new FormatOptions<AuditReport>(ReportCatalog.Audit, null, jsonAlias: false);
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a finding is at or above this severity: info, low, medium, high, critical.",
            DefaultValueFactory = _ => SeverityNames.Name(Severity.High),
        };

        var command = new Command("audit", "Check the VPC's endpoints, routes, security groups, NACLs and flow logs against best practices. Changes nothing.");
        command.Options.Add(vpc);
        formats.AddTo(command);
        command.Options.Add(failOn);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            // Checked here, not by the parser: a parse error exits 1, and a usage error must exit 2.
            var destinations = formats.Resolve(parse);
            if (!SeverityNames.TryParse(parse.GetRequiredValue(failOn), out var threshold))
            {
                throw new UsageException($"--fail-on is one of {string.Join(", ", Enum.GetValues<Severity>().Select(SeverityNames.Name))}");
            }

            var snapshot = await AwsCommandErrors.DiscoverAsync(common.Aws(parse), parse.GetRequiredValue(vpc), parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
            var report = Auditor.Run(snapshot);
            ReportOutput.Write(destinations, report, parse.InvocationConfiguration.Output);
            return report.HasFindingAtOrAbove(threshold) ? ExitCodes.ExpectationFailed : ExitCodes.Success;
        }));
        return command;
    }
}
