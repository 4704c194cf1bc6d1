using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>secret probe options: the secret's name or ARN.</summary>
internal sealed record SecretProbeOptions(string SecretId)
{
    public static SecretProbeOptions From(ProbeSpec spec) =>
        new(spec.SecretId ?? throw new ArgumentException("secret probes need a secretId (the plan validator checks it)", nameof(spec)));
}
