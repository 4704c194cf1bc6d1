using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Harness.Deploy;

/// <summary>Each instance's CPU architecture from EC2 DescribeInstances (x86_64, arm64, ...).</summary>
internal sealed class InstanceArchitectures(IAmazonEC2 ec2)
{
    /// <summary>instance id → EC2 architecture; ids EC2 does not return are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await DescribeAsync(instanceIds, found, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
        {
            // One unknown id fails the whole call: ask one by one, so the others still get their build.
            foreach (var id in instanceIds)
            {
                try
                {
                    await DescribeAsync([id], found, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonEC2Exception one) when (one.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
                {
                    // Left out: the deployer reports it as unknown to EC2.
                }
            }
        }

        return found;
    }

    private async Task DescribeAsync(IReadOnlyList<string> instanceIds, Dictionary<string, string> found, CancellationToken cancellationToken)
    {
        var request = new DescribeInstancesRequest { InstanceIds = [.. instanceIds] };
        await foreach (var reservation in ec2.Paginators.DescribeInstances(request).Reservations.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var instance in reservation.Instances ?? [])
            {
                found[instance.InstanceId] = instance.Architecture?.Value ?? "";
            }
        }
    }
}
