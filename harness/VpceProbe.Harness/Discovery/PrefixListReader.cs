using Amazon.EC2;

namespace VpceProbe.Harness.Discovery;

/// <summary>
/// The CIDRs behind the prefix lists that routes point at (a gateway endpoint's route destination is
/// its service's AWS-managed prefix list). Needed to tell whether a more specific route shadows them.
/// </summary>
/// <remarks>
/// GetManagedPrefixListEntries answers for AWS-managed lists too, and moto 5.2.1 fills it, while its
/// DescribePrefixLists leaves out the Cidrs member AWS returns; one call that works on both is used.
/// </remarks>
internal sealed class PrefixListReader(IAmazonEC2 ec2)
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CidrsAsync(
        IEnumerable<RouteTableInfo> tables, CancellationToken cancellationToken)
    {
        var ids = tables.SelectMany(t => t.Routes).Select(r => r.DestinationPrefixListId).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var id in ids)
        {
            result[id] = await EntriesAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<IReadOnlyList<string>> EntriesAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var entries = await ec2.Paginators.GetManagedPrefixListEntries(new() { PrefixListId = id })
                .Entries.ToListAsync(cancellationToken).ConfigureAwait(false);
            return entries.Select(e => e.Cidr).ToList();
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "UnauthorizedOperation" or "InvalidPrefixListID.NotFound" or "InvalidPrefixListId.NotFound")
        {
            // Where the managed-prefix-list API is refused, the older DescribePrefixLists still lists the CIDRs of AWS service lists.
            var described = await ec2.DescribePrefixListsAsync(new() { PrefixListIds = [id] }, cancellationToken).ConfigureAwait(false);
            return described.PrefixLists?.SelectMany(p => p.Cidrs ?? []).ToList() ?? [];
        }
    }
}
