using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports.Audits;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe audit --vpc ID [--format table|json|sarif] [--output FILE] [--fail-on SEVERITY]`: the VPC checked
/// against the rules of <see cref="AuditRules.All"/>, with Describe calls only. Exit codes: 0 no finding at or
/// above --fail-on; 1 some; 2 usage error (bad option, unknown VPC); 3 AWS error.
/// </summary>
public static class AuditCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var vpc = new Option<string>("--vpc") { Description = "The VPC id (vpc-...).", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join("; ", AuditWriters.All.Select(w => $"{w.Format}: {w.Description}")),
            DefaultValueFactory = _ => AuditWriters.All[0].Format,
        };
        var output = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of stdout." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a finding is at or above this severity: info, low, medium, high, critical.",
            DefaultValueFactory = _ => SeverityNames.Name(Severity.High),
        };

        var command = new Command("audit", "Check the VPC's endpoints, routes, security groups, NACLs and flow logs against best practices. Changes nothing.");
        command.Options.Add(vpc);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(failOn);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            return AwsCommandErrors.RunAsync(error, async () =>
            {
                // Checked here, not by the parser: a parse error exits 1, and a usage error must exit 2.
                var writer = AuditWriters.Find(parse.GetRequiredValue(format));
                if (writer is null || !SeverityNames.TryParse(parse.GetRequiredValue(failOn), out var threshold))
                {
                    await error.WriteLineAsync(
                        $"error: --format is one of {string.Join(", ", AuditWriters.All.Select(w => w.Format))}; " +
                        $"--fail-on is one of {string.Join(", ", Enum.GetValues<Severity>().Select(SeverityNames.Name))}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                var snapshot = await AwsCommandErrors.DiscoverAsync(common.Aws(parse), parse.GetRequiredValue(vpc), error, cancellationToken).ConfigureAwait(false);
                var report = Auditor.Run(snapshot);
                await ReportOutput.WriteAsync(parse.GetValue(output), parse.InvocationConfiguration.Output, w => writer.Write(report, w), cancellationToken).ConfigureAwait(false);
                return report.HasFindingAtOrAbove(threshold) ? ExitCodes.ExpectationFailed : ExitCodes.Success;
            });
        });
        return command;
    }
}
