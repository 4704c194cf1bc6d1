using System.Net.Sockets;

namespace VpceProbe.Lab.DataPlane;

internal enum FrontendKind
{
    /// <summary>AWS service APIs over TLS on 443 (the gateway terminates TLS with the lab's service certificate).</summary>
    AwsService,

    /// <summary>The instance metadata service, plain HTTP on 169.254.169.254:80.</summary>
    Imds,
}

/// <summary>
/// A listening socket inside a lab namespace that the gateway serves (Kestrel ListenHandle on
/// <see cref="Listener"/>'s handle). <paramref name="Namespace"/> says where the socket lives:
/// the internet namespace (public service addresses) or the VPC router (endpoint ENIs, gateway-endpoint
/// routes, IMDS).
/// </summary>
internal sealed record ServiceFrontend(string Name, string Namespace, FrontendKind Kind, Socket Listener);
