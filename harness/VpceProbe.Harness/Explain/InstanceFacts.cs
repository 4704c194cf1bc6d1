using VpceProbe.Contract;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// What the agent found on the instance that can make it see other than the VPC predicts: resolvers that are not
/// the VPC's, /etc/hosts lines for the probe's name, proxy variables (already without credentials), and the
/// address the probe actually connected to.
/// </summary>
internal static class InstanceFacts
{
    public static IReadOnlyList<string> For(HostFacts? host, ProbeResult? result, ProbeTarget? target, string? vpcResolver)
    {
        var facts = new List<string>();
        if (vpcResolver is not null && host?.Nameservers is { Count: > 0 } nameservers && nameservers.Any(n => n != vpcResolver))
        {
            facts.Add($"/etc/resolv.conf: nameserver {string.Join(", ", nameservers)} (the VPC resolver is {vpcResolver})");
        }

        foreach (var line in host?.HostsEntries ?? [])
        {
            if (target is null || line.Split(' ').Skip(1).Any(n => string.Equals(n, target.Host, StringComparison.OrdinalIgnoreCase)))
            {
                facts.Add($"/etc/hosts: {line}");
            }
        }

        foreach (var (name, value) in host?.Proxy ?? [])
        {
            facts.Add($"proxy: {name}={value}");
        }

        if (result?.Observed?.Address is { } address)
        {
            facts.Add($"connected to {address}");
        }

        if (result?.Observed?.Answers is { Count: > 0 } answers)
        {
            facts.Add($"answers: {string.Join(", ", answers)}{(result.Observed.Nameserver is { } ns ? $" from {ns}" : "")}");
        }

        return facts;
    }
}
