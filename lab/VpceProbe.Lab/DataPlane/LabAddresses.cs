using System.Net;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The lab's fixed addresses outside the VPC. They exist only inside lab namespaces; documentation and
/// shared ranges (RFC 5737, RFC 6598) so none can be mistaken for a real internet address.
/// </summary>
internal static class LabAddresses
{
    /// <summary>The internet gateway: a link between the router and the internet namespace.</summary>
    public const string InternetSideOfIgw = "192.0.2.1";

    public const string RouterSideOfIgw = "192.0.2.2";

    public const int IgwLinkPrefix = 25;

    /// <summary>Public addresses (NAT gateways' Elastic IPs, instances' public IPs): routed from the internet to the router.</summary>
    public const string PublicPool = "192.0.2.128/25";

    public const string Imds = "169.254.169.254";

    /// <summary>
    /// Each gateway endpoint gets one router-local address here; the prefix-list route is a DNAT to it, so
    /// the address a connection arrives on names the endpoint it went through.
    /// </summary>
    public static string GatewayEndpointFrontend(int index) => $"100.127.0.{index + 1}";

    public const string GatewayEndpointFrontendPrefix = "100.127.0.";

    /// <summary>The VPC resolver: the VPC's base address plus two, as in AWS.</summary>
    public static string Resolver(string vpcCidr) => Cidr.Parse(vpcCidr).Host(2).ToString();

    public static IPAddress Parse(string address) => IPAddress.Parse(address);
}
