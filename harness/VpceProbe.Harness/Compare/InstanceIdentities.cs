using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Compare;

/// <summary>Reads the subnet and Name tag of the instances a matrix covers (`probe` and `run` know only their ids).</summary>
internal static class InstanceIdentities
{
    /// <summary>
    /// Null, with the reason written to <paramref name="error"/>, when EC2 cannot say (ids an emulator does not know,
    /// no endpoint): the comparison then matches instances by id only, which is all it loses.
    /// </summary>
    public static async Task<IReadOnlyList<InstanceIdentity>?> DescribeAsync(IAmazonEC2 ec2, RunResult result, TextWriter error, CancellationToken cancellationToken)
    {
        var instanceIds = result.Phases.SelectMany(p => p.Runs).Select(r => r.InstanceId).Distinct().ToList();
        try
        {
            var found = new List<InstanceIdentity>();
            var request = new DescribeInstancesRequest { InstanceIds = [.. instanceIds] };
            await foreach (var reservation in ec2.Paginators.DescribeInstances(request).Reservations.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                found.AddRange((reservation.Instances ?? []).Select(i => new InstanceIdentity(i.InstanceId, i.SubnetId, (i.Tags ?? []).FirstOrDefault(t => t.Key == "Name")?.Value)));
            }

            return found;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            var why = e is AmazonServiceException service ? Aws.AccessDenial.Describe(service, "ec2:DescribeInstances") : e.Message;
            await error.WriteLineAsync($"warning: could not read the instances' subnets and Name tags ({why}): instances are matched by id only").ConfigureAwait(false);
            return null;
        }
    }
}
