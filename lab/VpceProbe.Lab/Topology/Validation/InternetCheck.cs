namespace VpceProbe.Lab.Topology.Validation;

/// <summary>
/// The lab's internet namespace: IPv4 addresses, each used once, outside the VPC; S3's address is required
/// (the lab's resolver needs it).
/// </summary>
internal sealed class InternetCheck : ITopologyCheck
{
    public void Check(TopologyContext context)
    {
        var internet = context.Topology.Internet;
        if (!internet.ServiceAddresses.ContainsKey("s3"))
        {
            context.Error("internet.serviceAddresses", "needs an address for s3");
        }

        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (group, entries) in new[] { ("webHosts", internet.WebHosts), ("serviceAddresses", internet.ServiceAddresses) })
        {
            foreach (var (key, value) in entries)
            {
                var path = $"internet.{group}.{key}";
                if (TopologyContext.Address(value) is not { } address)
                {
                    context.Error(path, $"'{value}' is not an IPv4 address");
                    continue;
                }

                if (!used.TryAdd(value, path))
                {
                    context.Error(path, $"{value} is also {used[value]}");
                }

                if (context.VpcCidr is { } vpc && vpc.Contains(address))
                {
                    context.Error(path, $"{value} is inside the VPC ({vpc}); the internet's addresses must be outside it");
                }
            }
        }
    }
}
