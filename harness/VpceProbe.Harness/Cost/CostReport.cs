using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Cost;

/// <summary>What `cost` estimated, per month, in the price file's currency.</summary>
/// <param name="Tables">Each service's traffic per private route table, and the way it leaves the VPC today.</param>
internal sealed record CostReport(
    string VpcId,
    string Region,
    PriceSource Prices,
    IReadOnlyList<CostLine> Current,
    IReadOnlyList<ServiceComparison> Services,
    IReadOnlyList<TableTraffic> Tables)
{
    public decimal CurrentTotal => Current.Sum(l => l.Monthly);

    /// <summary>What moving every listed service's NAT traffic to its endpoint saves (negative: costs more).</summary>
    public decimal TotalSaving => Services.Sum(s => s.Saving);

    /// <summary>The NAT gateways' hours: never saved by an endpoint, so <see cref="AfterTotal"/> never drops below them.</summary>
    public decimal NatHours => Current.Where(l => l.Kind == CostLineKind.NatHours).Sum(l => l.Monthly);

    /// <summary>Today's bill once every listed service goes through its endpoint.</summary>
    public decimal AfterTotal => CurrentTotal - TotalSaving;
}

/// <summary>Which prices were used: the file, when they were taken, the region's sources.</summary>
internal sealed record PriceSource(string File, string TakenOn, string Currency, decimal HoursPerMonth, IReadOnlyList<string> Sources);

[JsonConverter(typeof(JsonStringEnumConverter<CostLineKind>))]
internal enum CostLineKind
{
    /// <summary>A NAT gateway's hours.</summary>
    NatHours,

    /// <summary>An endpoint: gateway (free) or interface (AZ-hours plus the GB it carries today).</summary>
    Endpoint,

    /// <summary>One service's GB from one route table through that table's NAT.</summary>
    NatProcessing,
}

/// <summary>One line of today's bill: a NAT gateway's hours, an endpoint's AZ-hours and data, or data through a NAT.</summary>
/// <param name="Resource">The NAT gateway, the endpoint, or for NAT processing the route table the traffic leaves by.</param>
/// <param name="Service">The service whose traffic a NAT processing line counts.</param>
internal sealed record CostLine(string Resource, string What, decimal Monthly, CostLineKind Kind, string? Service = null);

[JsonConverter(typeof(JsonStringEnumConverter<TrafficPath>))]
internal enum TrafficPath
{
    /// <summary>The table is associated with the service's gateway endpoint: free.</summary>
    GatewayEndpoint,

    /// <summary>The VPC has the service's interface endpoint with private DNS: every table's traffic goes there.</summary>
    InterfaceEndpoint,

    /// <summary>Through the table's NAT route, paying NAT processing: where the saving is.</summary>
    Nat,

    /// <summary>Neither an endpoint nor a NAT route: the service is unreachable from the table today, so nothing is paid or saved.</summary>
    None,
}

/// <summary>One service's share of traffic from one private route table (shares follow the count of private subnets).</summary>
internal sealed record TableTraffic(string Service, string RouteTableId, IReadOnlyList<string> SubnetIds, decimal GbPerMonth, TrafficPath Path, decimal NatProcessing);

/// <summary>One service: what its NAT traffic costs today against carrying that traffic through its endpoint.</summary>
/// <param name="EndpointKind">"gateway" (S3, DynamoDB: free) or "interface".</param>
/// <param name="EndpointPresent">The VPC already has the endpoint (its cost is already in <see cref="CostReport.Current"/>).</param>
/// <param name="EndpointAzs">AZs the interface endpoint is (or would be) in; 0 for a gateway endpoint.</param>
/// <param name="GbViaNat">The part of <paramref name="GbPerMonth"/> that goes through a NAT today.</param>
/// <param name="ViaNat">What that part costs in NAT processing today (the sum of the service's NAT processing lines).</param>
/// <param name="ViaEndpoint">What carrying that part through the endpoint would add: 0 for a gateway endpoint, a new interface endpoint's AZ-hours plus its GB.</param>
internal sealed record ServiceComparison(
    string Service, decimal GbPerMonth, string EndpointKind, bool EndpointPresent, int EndpointAzs, decimal GbViaNat, decimal ViaNat, decimal ViaEndpoint)
{
    public decimal Saving => ViaNat - ViaEndpoint;
}
