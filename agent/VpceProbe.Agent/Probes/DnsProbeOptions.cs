using System.Net;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// dns: look up A and AAAA records of <see cref="Name"/>.
/// <see cref="Nameserver"/> null means the system resolvers of /etc/resolv.conf (the VPC's Route 53 Resolver
/// on an instance); "IP" or "IP:PORT" asks that server instead, on port 53 when none is given.
/// Per-attempt timeout: <see cref="ProbeKinds.DefaultTimeout"/> (2s) unless the plan sets one.
/// </summary>
internal sealed record DnsProbeOptions(string Name, IPEndPoint? Nameserver)
{
    public const int DefaultPort = 53;

    public static DnsProbeOptions From(ProbeSpec spec) => new(spec.Name!.Trim(), ParseNameserver(spec.Nameserver));

    private static IPEndPoint? ParseNameserver(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var endpoint = IPEndPoint.Parse(text);
        return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, DefaultPort) : endpoint;
    }
}
