using Amazon.EC2;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `probe` with the ssm transport: the instances named exist, asked of DescribeInstances before anything is
/// sent. EC2 answers InvalidInstanceID.NotFound (or .Malformed) for an id it does not have, which is the
/// user's to fix (exit 2), not an infrastructure failure.
/// </summary>
internal static class InstanceCheck
{
    public static async Task ExistAsync(AwsSettings aws, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        using var ec2 = new AwsClientFactory(aws).Ec2();
        try
        {
            await ec2.DescribeInstancesAsync(new() { InstanceIds = [.. instanceIds] }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode?.StartsWith("InvalidInstanceID", StringComparison.Ordinal) == true)
        {
            throw new UsageException($"--instance: {e.Message} (EC2: {e.ErrorCode}); check the ids and --region");
        }
    }
}
