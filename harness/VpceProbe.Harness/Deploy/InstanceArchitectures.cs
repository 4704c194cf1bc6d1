using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Harness.Deploy;

/// <summary>Each instance's CPU architecture from EC2 DescribeInstances (x86_64, arm64, ...).</summary>
public sealed class InstanceArchitectures(IAmazonEC2 ec2)
{
    /// <summary>instance id → EC2 architecture; ids EC2 does not return are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new DescribeInstancesRequest { InstanceIds = [.. instanceIds] };
        await foreach (var reservation in ec2.Paginators.DescribeInstances(request).Reservations.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var instance in reservation.Instances ?? [])
            {
                found[instance.InstanceId] = instance.Architecture?.Value ?? "";
            }
        }

        return found;
    }
}
