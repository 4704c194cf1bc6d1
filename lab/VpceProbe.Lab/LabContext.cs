using System.Security.Cryptography.X509Certificates;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab;

/// <summary>
/// Everything the lab daemon hands the gateway at start: where moto listens, the data plane, the shared
/// state, and the certificate for the real service names (signed by the lab CA).
/// </summary>
/// <param name="Name">The lab's name (namespaces are vpl-NAME-…).</param>
/// <param name="GatewayUrl">Where the gateway listens in the host namespace (http://127.0.0.1:4566).</param>
internal sealed record LabContext(
    string Name,
    string Region,
    Uri MotoUrl,
    Uri GatewayUrl,
    IDataPlane DataPlane,
    LabState State,
    X509Certificate2 ServiceCertificate,
    TimeProvider Time);
