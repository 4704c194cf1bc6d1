using Amazon.SimpleSystemsManagement;
using VpceProbe.Contract.Aws;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Preflight;

/// <summary>With the ssm transport every target must be Online in SSM, or its commands would never be delivered.</summary>
internal sealed class SsmOnlineCheck : IPreflightCheck
{
    public IEnumerable<PreflightFinding> Check(PreflightInput input)
    {
        if (input.Transport != TransportKind.Ssm)
        {
            yield break;
        }

        if (!input.Vpc.SsmPingStatusKnown)
        {
            // Discovery knows why (an endpoint that does not implement the call, or a denial): say that, not a guess.
            var why = input.Vpc.Warnings.FirstOrDefault(w => w.Contains("DescribeInstanceInformation", StringComparison.Ordinal)) ?? "SSM DescribeInstanceInformation failed.";
            yield return new(true, $"cannot tell whether the targets are online in SSM: {why}");
            yield break;
        }

        foreach (var target in input.Targets.Where(t => t.SsmPingStatus != PingStatus.Online.Value))
        {
            yield return new(true,
                $"{target.Id} is not online in SSM ({target.SsmPingStatus ?? "not managed"}): check its instance profile (AmazonSSMManagedInstanceCore), the SSM agent, and its path to {SsmControlPath.AllServicesText}");
        }
    }
}
