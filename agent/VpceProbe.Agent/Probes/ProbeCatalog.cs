using VpceProbe.Agent.Aws;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Every probe kind the agent can run, listed explicitly: kind → options record → probe.
/// No reflection and no self-registration, so the NativeAOT binary keeps exactly these and a reader
/// sees all of them here. Specs reaching this point have passed <see cref="PlanValidator"/>.
/// </summary>
internal static class ProbeCatalog
{
    /// <summary>Builds the probe for a validated spec; null when this build has no probe for the kind.</summary>
    public static IProbe? TryCreate(ProbeSpec spec, PlanSettings settings) => spec.Kind switch
    {
        ProbeKinds.Dns => new DnsProbe(DnsProbeOptions.From(spec)),
        ProbeKinds.Tcp => new TcpProbe(TcpProbeOptions.From(spec)),
        ProbeKinds.Http => new HttpProbe(HttpProbeOptions.From(spec)),
        ProbeKinds.Ping => new PingProbe(PingProbeOptions.From(spec)),
        ProbeKinds.S3 => new S3Probe(S3ProbeOptions.From(spec), AwsClients.For(settings)),
        ProbeKinds.Secret => new SecretProbe(SecretProbeOptions.From(spec), AwsClients.For(settings)),
        ProbeKinds.Sts => new StsProbe(AwsClients.For(settings)),
        _ => null,
    };
}
