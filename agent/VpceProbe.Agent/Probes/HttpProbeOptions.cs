using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// http: GET <see cref="Url"/> once. Any HTTP answer means reachable; when the plan expects a status code
/// (<see cref="ExpectedStatus"/>) a different one is reported as failure kind http_status.
/// Redirects are not followed (a 301 to the public internet is itself the answer to report) and no proxy
/// is used (the probe proves this instance's own route). Per-attempt timeout: <see cref="ProbeKinds.DefaultTimeout"/> (5s).
/// </summary>
internal sealed record HttpProbeOptions(Uri Url, int? ExpectedStatus)
{
    public static HttpProbeOptions From(ProbeSpec spec) => new(
        new Uri(spec.Url!, UriKind.Absolute),
        Expectations.IsStatusCode(spec.Expect, out var status) ? status : null);
}
