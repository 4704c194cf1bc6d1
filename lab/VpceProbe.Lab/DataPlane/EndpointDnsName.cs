using System.Security.Cryptography;
using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// An interface endpoint's own regional name as AWS gives it in DnsEntries, vpce-ID-SUFFIX.SERVICE.REGION.vpce.amazonaws.com
/// (https://docs.aws.amazon.com/neptune-analytics/latest/userguide/gettingStarted-connecting-private-link-access.html:
/// "vpce-1a2b3c4d-5e6f.neptune-graph.us-east-1.vpce.amazonaws.com"); it resolves to the endpoint's ENIs whatever
/// private DNS says. moto names it "vpce-ID-RANDOM.com.amazonaws.REGION.SERVICE" instead, so the gateway rewrites
/// it to this and the VPC resolver answers this: the suffix comes from the id, so both agree without sharing state.
/// </summary>
internal static class EndpointDnsName
{
    public static string Regional(string endpointId, string service, string region) =>
        $"{endpointId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(endpointId)))[..8]}.{service}.{region}.vpce.amazonaws.com";
}
