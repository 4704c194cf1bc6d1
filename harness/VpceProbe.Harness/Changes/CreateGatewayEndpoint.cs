using Amazon.EC2;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// A gateway endpoint (S3, DynamoDB) associated with the targets' route tables: AWS adds a prefix-list
/// route to each, so traffic to the service leaves through the endpoint instead of the NAT.
/// </summary>
internal sealed class CreateGatewayEndpoint(ActionDefinition action) : IVpcChange
{
    public string Action => ActionTypes.CreateGatewayEndpoint;

    public IReadOnlyList<ChangeRecord> Preview(ChangeContext context) =>
        EndpointCreation.Adopted(context, action, ServiceName(context)) ?? [context.Record(Action, ServiceName(context), Describe(context), ChangeStatus.Planned)];

    public async Task<IReadOnlyList<ChangeRecord>> ApplyAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        if (await EndpointCreation.AdoptAsync(context, action, ServiceName(context), cancellationToken).ConfigureAwait(false) is { } adopted)
        {
            return adopted;
        }

        var request = new Amazon.EC2.Model.CreateVpcEndpointRequest
        {
            ServiceName = ServiceName(context),
            VpcEndpointType = VpcEndpointType.Gateway,
            RouteTableIds = [.. context.TargetRouteTables().Select(t => t.Id)],
            PolicyDocument = action.Policy,
        };
        return [await EndpointCreation.CreateAsync(context, Action, request, Describe(context), cancellationToken).ConfigureAwait(false)];
    }

    private string ServiceName(ChangeContext context) => context.ServiceName(action.Service!);

    private string Describe(ChangeContext context) =>
        $"create gateway endpoint {ServiceName(context)} on {string.Join(", ", context.TargetRouteTables().Select(t => t.Id))}"
        + (action.Policy is null ? " (default full-access policy)" : " with the scenario's policy");
}
