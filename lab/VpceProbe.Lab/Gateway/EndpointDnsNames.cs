using System.Text.RegularExpressions;
using System.Xml.Linq;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Gives each interface endpoint in an EC2 answer the DNS name AWS would (<see cref="EndpointDnsName"/>) in place of
/// moto's, so a client that derives probes from DnsEntries (`vpceprobe accept`, private DNS off) asks the lab's resolver
/// for a name it answers.
/// </summary>
internal static partial class EndpointDnsNames
{
    public static XElement Rewrite(XElement answer)
    {
        foreach (var name in Ec2Xml.Named(answer, "dnsName").ToList())
        {
            if (MotoName().Match(name.Value) is { Success: true } m)
            {
                name.SetValue(EndpointDnsName.Regional(m.Groups["id"].Value, m.Groups["service"].Value, m.Groups["region"].Value));
            }
        }

        return answer;
    }

    [GeneratedRegex(@"^(?<id>vpce-[0-9a-f]+)-[0-9a-z]+\.com\.amazonaws\.(?<region>[a-z0-9-]+)\.(?<service>[a-z0-9.-]+)$")]
    private static partial Regex MotoName();
}
