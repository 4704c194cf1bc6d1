using System.Net;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Which path a service connection took, from where it was accepted: on the internet namespace it came over
/// the public path (through the NAT); in the router, an ENI address names the interface endpoint and a
/// gateway-endpoint frontend address the gateway endpoint whose prefix-list route sent it there.
/// </summary>
internal static class ServicePaths
{
    public static ServicePath Resolve(
        LabNames names, ServiceFrontend frontend, IPEndPoint local, IPEndPoint remote, RouterPlan? plan, VpcState? vpc,
        IReadOnlyDictionary<string, string> publicServiceByAddress)
    {
        var localAddress = local.Address.MapToIPv4().ToString();
        var remoteAddress = remote.Address.MapToIPv4().ToString();
        var instance = vpc?.Instances.FirstOrDefault(i => i.PrivateIp == remoteAddress)?.Id;
        if (frontend.Namespace == names.Internet)
        {
            // Masqueraded by the NAT: AWS sees the NAT's public address, not the instance.
            return publicServiceByAddress.TryGetValue(localAddress, out var service)
                ? new ServicePath(ServicePathKind.Public, service, null, null)
                : ServicePath.Unknown;
        }

        if (frontend.Kind == FrontendKind.Imds)
        {
            return new ServicePath(ServicePathKind.Imds, null, null, instance);
        }

        if (plan?.Enis.FirstOrDefault(e => e.Address == localAddress) is { } eni)
        {
            return new ServicePath(ServicePathKind.InterfaceEndpoint, eni.Service, eni.EndpointId, instance);
        }

        return plan?.GatewayEndpoints.FirstOrDefault(g => g.FrontendAddress == localAddress) is { } gateway
            ? new ServicePath(ServicePathKind.GatewayEndpoint, gateway.Service, gateway.EndpointId, instance)
            : ServicePath.Unknown;
    }
}
