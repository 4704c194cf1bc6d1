using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// What the gateway and interface endpoint changes share: adopt an endpoint that already exists for the
/// service, otherwise journal the intent, create with a client token and the run-id tag, journal the id,
/// and wait until it is available (in the phase's <see cref="ChangeContext.Pending"/> waits when there are).
/// </summary>
internal static class EndpointCreation
{
    public const string AdoptAction = "adopt-endpoint";

    /// <summary>Dry run: the adopted endpoint, and what the run would add to it (<see cref="EndpointAdoption"/>); null when there is none to adopt.</summary>
    public static IReadOnlyList<ChangeRecord>? Adopted(ChangeContext context, ActionDefinition action, string serviceName)
    {
        if (context.ExistingEndpoint(serviceName) is not { } existing)
        {
            return null;
        }

        var completion = EndpointAdoption.Plan(context, existing, action);
        return completion is null ? [Kept(context, existing, serviceName)] : [Kept(context, existing, serviceName), EndpointAdoption.Preview(context, completion, existing)];
    }

    /// <summary>Apply-time adoption: an adopted endpoint still pending is waited for, as a created one would be, then completed for the run.</summary>
    public static async Task<IReadOnlyList<ChangeRecord>?> AdoptAsync(ChangeContext context, ActionDefinition action, string serviceName, CancellationToken cancellationToken)
    {
        if (context.ExistingEndpoint(serviceName) is not { } existing)
        {
            return null;
        }

        if (existing.State != EndpointStates.Available)
        {
            await EndpointReader.WaitAvailableAsync(context, existing.Id, cancellationToken).ConfigureAwait(false);
        }

        var kept = Kept(context, existing, serviceName);
        return EndpointAdoption.Plan(context, existing, action) is { } completion
            ? [kept, await EndpointAdoption.ApplyAsync(context, completion, existing, action.Policy, cancellationToken).ConfigureAwait(false)]
            : [kept];
    }

    private static ChangeRecord Kept(ChangeContext context, EndpointInfo existing, string serviceName) =>
        context.Record(AdoptAction, existing.Id, $"use the existing {existing.Type.ToString().ToLowerInvariant()} endpoint {existing.Id} for {serviceName} ({existing.State}); it was not created by this run and is left in place", ChangeStatus.Kept);

    public static async Task<ChangeRecord> CreateAsync(
        ChangeContext context, string action, CreateVpcEndpointRequest request, string description, CancellationToken cancellationToken)
    {
        var seq = context.Journal!.NextSeq;

        // AWS returns the first call's endpoint for a repeated token, so a retried create cannot make a second one.
        request.ClientToken = $"{context.RunId}-{seq}";
        request.VpcId = context.Vpc.VpcId;
        request.TagSpecifications = context.Tags(ResourceType.VpcEndpoint, $"vpceprobe {request.ServiceName}");
        var intent = context.Intent(new JournalEntry
        {
            Type = JournalEntryTypes.Intent,
            Action = ChangeActions.CreateEndpoint,
            ScenarioAction = action,
            ServiceName = request.ServiceName,
            ClientToken = request.ClientToken,
            Description = description,
        });
        var response = await context.Ec2.CreateVpcEndpointAsync(request, cancellationToken).ConfigureAwait(false);
        var id = response.VpcEndpoint.VpcEndpointId;
        context.Done(intent, id);

        // The record says available: it reaches the caller only once the wait below has seen it so (the phase
        // runner finishes pending waits before it reports or probes anything).
        var available = EnsureAvailableAsync(context, id, request.ServiceName, cancellationToken);
        if (context.Pending is { } pending)
        {
            pending.Add(available);
        }
        else
        {
            await available.ConfigureAwait(false);
        }

        return context.Record(action, id, $"{description}: {id} available", ChangeStatus.Applied);
    }

    private static async Task EnsureAvailableAsync(ChangeContext context, string id, string serviceName, CancellationToken cancellationToken)
    {
        var state = await EndpointReader.WaitAvailableAsync(context, id, cancellationToken).ConfigureAwait(false);
        if (state != EndpointStates.Available)
        {
            throw new AmazonEC2Exception($"endpoint {id} for {serviceName} ended in state '{state}' instead of available");
        }
    }
}
