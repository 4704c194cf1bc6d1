using VpceProbe.Contract;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// A journal is an input too: rollback takes its region, endpoint and VPC from the header, so an edited or damaged
/// header is refused (exit 2) before any AWS call, rather than failing as "could not call AWS" (exit 3) or
/// sending calls somewhere nobody meant.
/// </summary>
internal static class RunHeaderCheck
{
    public static IReadOnlyList<string> Problems(RunHeader header)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(header.RunId) || header.RunId.IndexOfAny(['/', '\\']) >= 0 || header.RunId.Any(char.IsControl))
        {
            problems.Add($"runId: {Printable.Quote(header.RunId)} is not a run id such as 20261130-070709-d265d7");
        }

        if (!AwsIds.IsVpcId(header.VpcId))
        {
            problems.Add($"vpcId: {Printable.Quote(header.VpcId)} is not a VPC id such as vpc-0123456789abcdef0");
        }

        if (!Regions.IsValid(header.Region))
        {
            problems.Add($"region: {Regions.Problem(header.Region ?? "")}");
        }

        if (header.EndpointUrl is { } url && EndpointUrls.Problem(url) is { } problem)
        {
            problems.Add($"endpointUrl: {problem}");
        }

        if (header.Baseline is null)
        {
            problems.Add("baseline: is missing; without it rollback cannot tell what the VPC was");
        }

        return problems;
    }
}
