using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Applies what an endpoint path means to a service request: the endpoint must be in force, as the data plane
/// sees it (a pending or deleted endpoint carries nothing, so the connection is dropped), and its policy must allow the call
/// (else AWS's AccessDenied). The public path has no endpoint and no endpoint policy.
/// </summary>
internal sealed class EndpointGuard(MotoQueries moto, LabState state, CallerIdentities callers)
{
    public async Task<GuardVerdict> CheckAsync(AwsRequest request, ServicePath path, CancellationToken cancellationToken)
    {
        if (path.Kind == ServicePathKind.Public)
        {
            return GuardVerdict.Pass;
        }

        if (path.Kind is not (ServicePathKind.GatewayEndpoint or ServicePathKind.InterfaceEndpoint) || path.EndpointId is null
            || state.EndpointInForce(path.EndpointId) != EndpointLifecycle.Available)
        {
            return GuardVerdict.Drop;
        }

        var endpoint = await moto.VpcEndpointAsync(path.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return GuardVerdict.Drop;
        }

        var policy = EndpointPolicy.Parse(Ec2Xml.Child(endpoint, "policyDocument"));
        var service = path.Service ?? request.SigningService ?? "s3";
        var call = service == "s3"
            ? S3CallMapper.Map(request)
            : await JsonCallMapper.MapAsync(request, service, moto.SecretArnAsync, cancellationToken).ConfigureAwait(false);
        var decision = policy.Evaluate(call.Action, call.Resource);
        return decision == PolicyDecision.Allowed
            ? GuardVerdict.Pass
            : new GuardVerdict(false, EndpointAccessDenied.Response(request, callers.CallerArn(request), call, decision));
    }
}

/// <param name="Carried">False: the connection is dropped (no answer at all, as for traffic nothing carries).</param>
/// <param name="Denied">The error answer when the policy refuses the call.</param>
internal sealed record GuardVerdict(bool Carried, AwsErrorResponse? Denied)
{
    public static GuardVerdict Pass { get; } = new(true, null);

    public static GuardVerdict Drop { get; } = new(false, null);
}
