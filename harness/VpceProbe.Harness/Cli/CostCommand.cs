using System.CommandLine;
using System.Globalization;
using VpceProbe.Contract;
using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe cost --vpc ID [--gb-per-month N] [--service-gb SERVICE=N ...] [--prices FILE] [--format table|json] [--output FILE|DIR]`: the monthly
/// cost of the VPC's endpoints and NAT gateways and, per service, NAT against endpoint. Describe calls only.
/// Exit codes: 0 estimated; 2 bad option, price file or unknown VPC; 3 AWS error.
/// </summary>
internal static class CostCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var vpc = new Option<string>("--vpc") { Description = "The VPC id (vpc-...).", Required = true };
        var gb = new Option<decimal>("--gb-per-month") { Description = "GB a month to or from each AWS service not named with --service-gb (default 0)." };
        var serviceGb = new Option<string[]>("--service-gb")
        {
            Description = "GB a month for one service, as SERVICE=N (s3=500, dynamodb=20, secretsmanager=1); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var prices = new Option<FileInfo?>("--prices") { Description = "Price file to use instead of the one shipped (same format as Cost/prices.json)." };
        var formats = new FormatOptions<CostReport>(ReportCatalog.Cost, null, jsonAlias: true);
        OptionChecks.NotNegative(gb);

        var command = new Command("cost", "Monthly cost of the VPC's endpoints and NAT gateways, and what moving AWS-bound traffic from NAT to endpoints saves.");
        foreach (var option in new Option[] { vpc, gb, serviceGb, prices })
        {
            command.Options.Add(option);
        }

        formats.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(parse, async () =>
            {
                var destinations = formats.Resolve(parse);
                // Checked here, not by the parser: a parse error exits 1, and a usage error must exit 2.
                if ((parse.GetValue(serviceGb) ?? []).Select(VolumeProblem).FirstOrDefault(p => p is not null) is { } problem)
                {
                    await error.WriteLineAsync($"error: --service-gb {problem}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                PriceBook book;
                try
                {
                    book = PriceBook.Load(parse.GetValue(prices)?.FullName);
                    book.For(common.Aws(parse).EffectiveRegion);
                }
                catch (PriceBookException e)
                {
                    await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                var snapshot = await AwsCommandErrors.DiscoverAsync(common.Aws(parse), parse.GetRequiredValue(vpc), error, cancellationToken).ConfigureAwait(false);
                var volumes = (parse.GetValue(serviceGb) ?? []).Select(v => TryParse(v, out var p) ? p : default).ToDictionary(p => p.Key, p => p.Value);
                if (await UnknownServicesAsync(common.Aws(parse), snapshot.Region, volumes.Keys, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unknown)
                {
                    await error.WriteLineAsync($"error: --service-gb: {string.Join(", ", unknown)}: no such endpoint service in {snapshot.Region}; name a service by its short name as in com.amazonaws.{snapshot.Region}.NAME (s3, dynamodb, secretsmanager, ecr.api...)").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                var report = CostEstimator.Estimate(snapshot, book, new CostInputs(parse.GetValue(gb), volumes));
                ReportOutput.Write(destinations, report, parse.InvocationConfiguration.Output);

                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Services of --service-gb the region has no endpoint service for (a typo would otherwise be priced).</summary>
    private static async Task<IReadOnlyList<string>> UnknownServicesAsync(Aws.AwsSettings aws, string region, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        using var ec2 = new Aws.AwsClientFactory(aws).Ec2();
        return await Preflight.EndpointServicesCheck.MissingAsync(ec2, region, services, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What is wrong with one SERVICE=GB, said so that the user knows what to type instead; null when nothing is.</summary>
    private static string? VolumeProblem(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2 || parts[0].Trim().Length == 0
            || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var gb))
        {
            return $"{Printable.Quote(text)}: expected SERVICE=GB, e.g. s3=500";
        }

        return gb < 0 ? $"{Printable.Quote(text)}: a volume is 0 or more GB a month, e.g. {parts[0].Trim()}=500" : null;
    }

    private static bool TryParse(string text, out KeyValuePair<string, decimal> volume)
    {
        var parts = text.Split('=', 2);
        var ok = parts.Length == 2 && parts[0].Length > 0
            && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var gb) && gb >= 0;
        volume = ok ? new(parts[0].Trim().ToLowerInvariant(), decimal.Parse(parts[1], CultureInfo.InvariantCulture)) : default;
        return ok;
    }
}
