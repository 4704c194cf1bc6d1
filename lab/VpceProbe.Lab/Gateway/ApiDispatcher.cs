using Microsoft.AspNetCore.Http;
using VpceProbe.Lab.Faults;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Where an AWS call goes once it is admitted: injected faults first (as a flaky AWS would answer), then the
/// emulations moto lacks (SSM run command, the caller identity of role credentials, EC2 endpoint lifecycle), else moto unchanged.
/// </summary>
internal sealed class ApiDispatcher(FaultInjector faults, IReadOnlyList<IApiEmulation> emulations, Ec2Interceptor ec2, MotoForwarder forwarder, TimeProvider time)
{
    public async Task DispatchAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var fault = faults.Decide(request);
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, time, cancellationToken).ConfigureAwait(false);
        }

        if (fault.Error is { } error)
        {
            await error.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        }
        else if (emulations.FirstOrDefault(e => e.Handles(request)) is { } emulation)
        {
            await emulation.HandleAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        else if (Ec2Interceptor.IsEc2(request))
        {
            await ec2.HandleAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await forwarder.ForwardAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>An API the gateway answers itself instead of moto (SSM run command, STS GetCallerIdentity for role sessions).</summary>
internal interface IApiEmulation
{
    bool Handles(AwsRequest request);

    Task HandleAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken);
}
