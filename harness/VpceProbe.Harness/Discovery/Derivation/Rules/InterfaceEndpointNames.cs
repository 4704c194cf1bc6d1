namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>The names DescribeVpcEndpoints gives an interface endpoint (DnsEntries).</summary>
internal static class InterfaceEndpointNames
{
    /// <summary>
    /// The endpoint-specific regional name (vpce-…-….SERVICE.REGION.vpce.amazonaws.com), which resolves to every
    /// ENI of the endpoint whatever private DNS says. AWS lists it first, before one name per AZ; the zonal
    /// ones carry the AZ as a label ("vpce-…-…-us-east-1a.…"), so the regional one is the shortest vpce name.
    /// </summary>
    public static string? Specific(EndpointInfo endpoint) =>
        endpoint.DnsNames
            .Where(n => n.StartsWith("vpce-", StringComparison.Ordinal) && n.EndsWith(".vpce.amazonaws.com", StringComparison.Ordinal))
            .OrderBy(n => n.Length)
            .FirstOrDefault();
}
