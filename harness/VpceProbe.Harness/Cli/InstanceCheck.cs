using Amazon.EC2;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `probe`, whatever the transport: the instances named exist, asked of DescribeInstances before anything is sent
/// or run. EC2 answers InvalidInstanceID.NotFound (or .Malformed) for an id it does not have, which is the user's
/// to fix (exit 2), not an infrastructure failure. Two answers are not errors on AWS yet name nothing to probe: an
/// instance of another account is left out of the result, and a terminated one stays listed for about an hour
/// (DescribeInstances and TerminateInstances in the EC2 API reference); both are refused too. The local transport
/// checks as well, so a typo is caught on an emulator the same way as on AWS.
/// </summary>
internal static class InstanceCheck
{
    private static readonly string[] Gone = ["shutting-down", "terminated"];

    public static async Task ExistAsync(AwsSettings aws, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        using var ec2 = new AwsClientFactory(aws).Ec2();
        Amazon.EC2.Model.DescribeInstancesResponse found;
        try
        {
            found = await ec2.DescribeInstancesAsync(new() { InstanceIds = [.. instanceIds] }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode?.StartsWith("InvalidInstanceID", StringComparison.Ordinal) == true)
        {
            throw new UsageException($"--instance: {e.Message} (EC2: {e.ErrorCode}); check the ids and --region");
        }

        var listed = (found.Reservations ?? []).SelectMany(r => r.Instances ?? []).ToList();
        var gone = listed
            .Where(i => Gone.Contains(i.State?.Name?.Value, StringComparer.Ordinal))
            .Select(i => $"{i.InstanceId} is {i.State.Name.Value}")
            .Concat(instanceIds.Except(listed.Select(i => i.InstanceId), StringComparer.Ordinal).Select(id => $"{id} is not in this account"))
            .ToList();
        if (gone.Count > 0)
        {
            throw new UsageException($"--instance: {string.Join(", ", gone)}; name running instances");
        }
    }
}
