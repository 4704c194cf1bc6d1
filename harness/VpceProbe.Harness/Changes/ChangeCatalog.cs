using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Changes;

/// <summary>The one place that maps a scenario action to the change that carries it out. Cleanup is the runner's job (it undoes the journal).</summary>
internal static class ChangeCatalog
{
    public static IVpcChange For(ActionDefinition action) => action.Type switch
    {
        ActionTypes.RemoveNatRoutes => new RemoveNatRoutes(),
        ActionTypes.CreateGatewayEndpoint => new CreateGatewayEndpoint(action),
        ActionTypes.CreateInterfaceEndpoint => new CreateInterfaceEndpoint(action),
        _ => throw new ArgumentException($"'{action.Type}' is not a change; the scenario validator should have refused it", nameof(action)),
    };
}
