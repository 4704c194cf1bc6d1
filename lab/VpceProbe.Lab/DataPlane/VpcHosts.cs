using System.Text;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The VPC resolver's names, as a hosts file. A service name answers with its public address, unless an
/// available interface endpoint with private DNS serves it in this VPC: then with the endpoint's ENI addresses,
/// as the private hosted zone AWS creates does. Private DNS needs both VPC DNS attributes on, as in AWS.
/// </summary>
internal static class VpcHosts
{
    public static string Render(VpcState vpc, IReadOnlyList<EniPlan> enis, string region, InternetSpec internet)
    {
        var privateDns = vpc.EnableDnsSupport && vpc.EnableDnsHostnames;
        var lines = new StringBuilder();
        foreach (var (service, publicAddress) in internet.ServiceAddresses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var privateEnis = enis
                .Where(e => e.Service == service && e.CarriesTraffic && privateDns && vpc.Endpoints.Any(p => p.Id == e.EndpointId && p.PrivateDns))
                .Select(e => e.Address)
                .ToList();
            foreach (var address in privateEnis.Count > 0 ? privateEnis : [publicAddress])
            {
                lines.Append(address).Append(' ').Append(service).Append('.').Append(region).Append(".amazonaws.com\n");
            }
        }

        // Every interface endpoint also has its own regional name, whatever its private DNS setting.
        foreach (var eni in enis.Where(e => e.CarriesTraffic))
        {
            lines.Append(eni.Address).Append(' ').Append(EndpointDnsName.Regional(eni.EndpointId, eni.Service, region)).Append('\n');
        }

        foreach (var instance in vpc.Instances)
        {
            lines.Append(instance.PrivateIp).Append(" ip-").Append(instance.PrivateIp.Replace('.', '-')).Append(".ec2.internal\n");
        }

        foreach (var (host, address) in internet.WebHosts.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            lines.Append(address).Append(' ').Append(host).Append('\n');
        }

        return lines.ToString();
    }
}
