namespace VpceProbe.Harness.Cost;

/// <summary>What `cost` estimated, per month, in the price file's currency.</summary>
public sealed record CostReport(
    string VpcId,
    string Region,
    PriceSource Prices,
    IReadOnlyList<CostLine> Current,
    IReadOnlyList<ServiceComparison> Services)
{
    public decimal CurrentTotal => Current.Sum(l => l.Monthly);

    /// <summary>What moving every listed service from NAT to its endpoint saves (negative: costs more).</summary>
    public decimal TotalSaving => Services.Sum(s => s.Saving);
}

/// <summary>Which prices were used: the file, when they were taken, the region's sources.</summary>
public sealed record PriceSource(string File, string TakenOn, string Currency, decimal HoursPerMonth, IReadOnlyList<string> Sources);

/// <summary>One line of today's bill: a NAT gateway's hours, an endpoint's AZ-hours and data, or data through a NAT.</summary>
public sealed record CostLine(string Resource, string What, decimal Monthly);

/// <summary>One service's traffic, through the NAT against through its endpoint.</summary>
/// <param name="EndpointKind">"gateway" (S3, DynamoDB: free) or "interface".</param>
/// <param name="EndpointPresent">The VPC already has the endpoint (its cost is already in <see cref="CostReport.Current"/>).</param>
/// <param name="EndpointAzs">AZs the interface endpoint is (or would be) in; 0 for a gateway endpoint.</param>
public sealed record ServiceComparison(
    string Service, decimal GbPerMonth, string EndpointKind, bool EndpointPresent, int EndpointAzs, decimal ViaNat, decimal ViaEndpoint)
{
    public decimal Saving => ViaNat - ViaEndpoint;
}
