namespace VpceProbe.Harness.Preflight;

/// <summary>With the ssm transport every target must be Online in SSM, or its commands would never be delivered.</summary>
public sealed class SsmOnlineCheck : IPreflightCheck
{
    public IEnumerable<PreflightFinding> Check(PreflightInput input)
    {
        if (input.Transport != "ssm")
        {
            yield break;
        }

        if (!input.Vpc.SsmPingStatusKnown)
        {
            yield return new(true, "cannot ask SSM whether the targets are online (DescribeInstanceInformation failed); check ssm:DescribeInstanceInformation permission");
            yield break;
        }

        foreach (var target in input.Targets.Where(t => t.SsmPingStatus != "Online"))
        {
            yield return new(true,
                $"{target.Id} is not online in SSM ({target.SsmPingStatus ?? "not managed"}): check its instance profile (AmazonSSMManagedInstanceCore), the SSM agent, and its path to ssm, ssmmessages and ec2messages");
        }
    }
}
