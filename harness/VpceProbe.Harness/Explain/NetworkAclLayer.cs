using System.Globalization;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// The network ACL layer. ACLs are stateless and act at each subnet's edge: the request leaves the instance's
/// subnet and enters the destination's, the answer leaves the destination's subnet for the client's ephemeral ports
/// (1024-65535) and enters the instance's (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
/// Traffic within one subnet crosses no ACL.
/// </summary>
public static class NetworkAclLayer
{
    private const int EphemeralFrom = 1024;
    private const int EphemeralTo = 65535;

    /// <param name="destination">The destination's subnet in the VPC; null when it is outside (a NAT's or gateway's far side).</param>
    /// <param name="destinationCidr">The destination's range as the rules are asked about it.</param>
    public static IEnumerable<PathStep> Both(VpcSnapshot vpc, InstanceInfo instance, SubnetInfo? destination, string destinationCidr, ProbeTarget target)
    {
        if (destination?.Id == instance.SubnetId)
        {
            yield break;
        }

        var source = SecurityGroupLayer.InstanceCidr(vpc, instance);
        var protocol = target.Protocol == ProbeTarget.Icmp ? NetworkAclEvaluator.Icmp : NetworkAclEvaluator.Tcp;
        var (returnFrom, returnTo) = target.Protocol == ProbeTarget.Icmp ? (0, 0) : (EphemeralFrom, EphemeralTo);
        var request = target.Protocol == ProbeTarget.Icmp ? "ICMP" : $"TCP {target.Port}";
        var answer = target.Protocol == ProbeTarget.Icmp ? "the ICMP reply" : "the answer to TCP 1024-65535";
        var own = vpc.NetworkAclOf(instance.SubnetId);
        var far = destination is null ? null : vpc.NetworkAclOf(destination.Id);
        var checks = new List<(NetworkAclInfo? Acl, bool Egress, string Peer, int From, int To, CauseCode Code, string What)>
        {
            (own, true, destinationCidr, target.Port, target.Port, CauseCode.NaclBlocks, $"{request} out of {instance.SubnetId} to {destinationCidr}"),
            (far, false, source, target.Port, target.Port, CauseCode.NaclBlocks, $"{request} into {destination?.Id} from {source}"),
            (far, true, source, returnFrom, returnTo, CauseCode.NaclReturnBlocks, $"{answer} out of {destination?.Id} to {source}"),
            (own, false, destinationCidr, returnFrom, returnTo, CauseCode.NaclReturnBlocks, $"{answer} into {instance.SubnetId} from {destinationCidr}"),
        };
        foreach (var (acl, egress, peer, from, to, code, what) in checks.Where(c => c.Acl is not null))
        {
            var rule = NetworkAclEvaluator.FirstBlockingRule(acl!, egress, peer, from, to, protocol);
            if (rule is null)
            {
                yield return PathStep.Passing(PathLayer.NetworkAcl, acl!.Id, $"{acl.Id} lets {what}");
                continue;
            }

            var name = NetworkAclEvaluator.RuleName(rule.Value);
            yield return new(PathLayer.NetworkAcl, StepVerdict.Block, acl!.Id, $"{acl.Id} rule {name} drops {what}", code,
                [acl.Id, from.ToString(CultureInfo.InvariantCulture), peer, egress ? "--egress" : "--ingress", name]);
            yield break;
        }
    }
}
