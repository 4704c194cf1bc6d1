using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// What the gateway and interface endpoint changes share: adopt an endpoint that already exists for the
/// service, otherwise journal the intent, create with a client token and the run-id tag, journal the id,
/// and wait until it is available.
/// </summary>
internal static class EndpointCreation
{
    public const string AdoptAction = "adopt-endpoint";

    public static ChangeRecord? Adopted(ChangeContext context, string serviceName)
    {
        var existing = context.ExistingEndpoint(serviceName);
        return existing is null
            ? null
            : context.Record(AdoptAction, existing.Id, $"use the existing {existing.Type.ToString().ToLowerInvariant()} endpoint {existing.Id} for {serviceName} ({existing.State}); it was not created by this run and is left in place", ChangeStatus.Kept);
    }

    /// <summary>Apply-time adoption: an adopted endpoint still pending is waited for, as a created one would be.</summary>
    public static async Task<ChangeRecord?> AdoptAsync(ChangeContext context, string serviceName, CancellationToken cancellationToken)
    {
        if (context.ExistingEndpoint(serviceName) is { State: not "available" } pending)
        {
            await EndpointReader.WaitAvailableAsync(context, pending.Id, cancellationToken).ConfigureAwait(false);
        }

        return Adopted(context, serviceName);
    }

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
            ServiceName = request.ServiceName,
            ClientToken = request.ClientToken,
            Description = description,
        });
        var response = await context.Ec2.CreateVpcEndpointAsync(request, cancellationToken).ConfigureAwait(false);
        var id = response.VpcEndpoint.VpcEndpointId;
        context.Done(intent, id);

        var state = await EndpointReader.WaitAvailableAsync(context, id, cancellationToken).ConfigureAwait(false);
        return state == "available"
            ? context.Record(action, id, $"{description}: {id} available", ChangeStatus.Applied)
            : throw new AmazonEC2Exception($"endpoint {id} for {request.ServiceName} ended in state '{state}' instead of available");
    }
}
