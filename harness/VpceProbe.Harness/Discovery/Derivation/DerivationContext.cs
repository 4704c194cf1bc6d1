using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>What a rule reads: the VPC, the instance the plan is for, and the user's options; plus the facts several rules share.</summary>
internal sealed record DerivationContext(VpcSnapshot Vpc, DerivationTarget Target, DerivationOptions Options)
{
    /// <summary>Where this subnet's 0.0.0.0/0 goes.</summary>
    public DefaultRoute DefaultRoute => DefaultRoute.Of(Target.RouteTable);

    /// <summary>The regional public name of a service: "ssm" → ssm.us-east-1.amazonaws.com.</summary>
    public string ServiceHost(string service) => ServiceHostName.Of(service, Vpc.Region);

    /// <summary>Endpoints that carry or will soon carry traffic (pending ones become available by themselves); deleted or failed ones do not.</summary>
    public IEnumerable<EndpointInfo> LiveEndpoints(EndpointType type) =>
        Vpc.Endpoints.Where(e => e.Type == type && EndpointStates.CarriesTraffic(e.State));

    /// <summary>A live interface endpoint with private DNS for the service: the service name then resolves to it VPC-wide.</summary>
    public EndpointInfo? PrivateDnsEndpoint(string service) =>
        LiveEndpoints(EndpointType.Interface).FirstOrDefault(e => e.ShortService == service && e.PrivateDnsEnabled);

    /// <summary>A live gateway endpoint for the service on this subnet's route table.</summary>
    public EndpointInfo? GatewayOnTable(string service) =>
        Target.RouteTable is { } table
            ? LiveEndpoints(EndpointType.Gateway).FirstOrDefault(e => e.ShortService == service && e.RouteTableIds.Contains(table.Id))
            : null;
}
