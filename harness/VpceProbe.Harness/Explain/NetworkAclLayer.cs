using System.Globalization;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// The network ACL layer. ACLs are stateless and act at each subnet's edge: the request leaves the instance's
/// subnet and enters the destination's, the answer leaves the destination's subnet for the client's ephemeral ports
/// (1024-65535) and enters the instance's (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
/// Traffic within one subnet crosses no ACL. Through a NAT gateway in another subnet the traffic crosses that
/// subnet's ACL twice each way: in from the instance and out to the internet, in from the internet and out to the
/// instance, its answers from the internet to the NAT's own ports (1024-65535), as the lab's data plane applies it.
/// </summary>
internal static class NetworkAclLayer
{
    private const int EphemeralFrom = 1024;
    private const int EphemeralTo = 65535;

    /// <param name="destination">The destination's subnet in the VPC; null when it is outside (a NAT's or gateway's far side).</param>
    /// <param name="destinationCidr">The destination's range as the rules are asked about it.</param>
    public static IEnumerable<PathStep> Both(VpcSnapshot vpc, InstanceInfo instance, SubnetInfo? destination, string destinationCidr, ProbeTarget target)
    {
        if (destination?.Id == instance.SubnetId)
        {
            return [];
        }

        var leg = Leg.Of(target);
        var source = SecurityGroupLayer.InstanceCidr(vpc, instance);
        var own = Outside(vpc.NetworkAclOf(instance.SubnetId), vpc, destination is null);
        var far = destination is null ? null : vpc.NetworkAclOf(destination.Id);
        return Judge(
        [
            leg.Check(own, true, destinationCidr, false, $"{leg.Request} out of {instance.SubnetId} to {destinationCidr}"),
            leg.Check(far, false, source, false, $"{leg.Request} into {destination?.Id} from {source}"),
            leg.Check(far, true, source, true, $"{leg.Answer} out of {destination?.Id} to {source}"),
            leg.Check(own, false, destinationCidr, true, $"{leg.Answer} into {instance.SubnetId} from {destinationCidr}"),
        ]);
    }

    /// <summary>To a public destination through a NAT gateway: the instance's subnet both ways, and the NAT's subnet (when another) on both of its legs.</summary>
    public static IEnumerable<PathStep> ThroughNat(VpcSnapshot vpc, InstanceInfo instance, NatGatewayInfo nat, string publicCidr, ProbeTarget target)
    {
        if (nat.SubnetId == instance.SubnetId)
        {
            return Both(vpc, instance, null, publicCidr, target);
        }

        var leg = Leg.Of(target);
        var source = SecurityGroupLayer.InstanceCidr(vpc, instance);
        var own = Outside(vpc.NetworkAclOf(instance.SubnetId), vpc, true);
        var natAcl = vpc.NetworkAclOf(nat.SubnetId);
        var natPublic = Outside(natAcl, vpc, true);
        var where = $"{nat.SubnetId} ({nat.Id}'s subnet)";
        return Judge(
        [
            leg.Check(own, true, publicCidr, false, $"{leg.Request} out of {instance.SubnetId} to {publicCidr}"),
            leg.Check(natAcl, false, source, false, $"{leg.Request} into {where} from {source}"),
            leg.Check(natPublic, true, publicCidr, false, $"{leg.Request} out of {where} to {publicCidr}"),
            leg.Check(natPublic, false, publicCidr, true, $"{leg.Answer} into {where} from {publicCidr}"),
            leg.Check(natAcl, true, source, true, $"{leg.Answer} out of {where} to {source}"),
            leg.Check(own, false, publicCidr, true, $"{leg.Answer} into {instance.SubnetId} from {publicCidr}"),
        ]);
    }

    private static IEnumerable<PathStep> Judge(IReadOnlyList<Check> checks)
    {
        foreach (var check in checks.Where(c => c.Acl is not null))
        {
            var acl = check.Acl!;
            var (from, to) = check.Ports;
            var rule = NetworkAclEvaluator.FirstBlockingRule(acl, check.Egress, check.Peer, from, to, check.Protocol);
            if (rule is null)
            {
                yield return PathStep.Passing(PathLayer.NetworkAcl, acl.Id, $"{acl.Id} lets {check.What}");
                continue;
            }

            var name = NetworkAclEvaluator.RuleName(rule.Value);
            yield return new(PathLayer.NetworkAcl, StepVerdict.Block, acl.Id, $"{acl.Id} rule {name} drops {check.What}", check.Code,
                [acl.Id, from.ToString(CultureInfo.InvariantCulture), check.Peer, check.Egress ? "--egress" : "--ingress", name]);
            yield break;
        }
    }

    // A public peer (the far side of a NAT or an internet gateway, "0.0.0.0/0" when its address is not known) is never
    // inside the VPC: rules on VPC ranges cannot match it, so they are left out rather than taken as a partial deny.
    private static NetworkAclInfo? Outside(NetworkAclInfo? acl, VpcSnapshot vpc, bool publicPeer) =>
        acl is null || !publicPeer ? acl : acl with
        {
            Entries = [.. acl.Entries.Where(e => e.Cidr is not { } cidr || Cidrs.IsAnywhere(cidr) || !vpc.Cidrs.Any(v => Cidrs.Contains(v, cidr)))],
        };

    private sealed record Check(NetworkAclInfo? Acl, bool Egress, string Peer, (int From, int To) Ports, CauseCode Code, string What, string Protocol);

    // The request's port and the answer's ports, in words and numbers, and the protocol the rules are asked about; ICMP has no ports.
    private sealed record Leg(string Protocol, string Request, string Answer, (int From, int To) Port, (int From, int To) Return)
    {
        public static Leg Of(ProbeTarget target) => target.Protocol == ProbeTarget.Icmp
            ? new(NetworkAclEvaluator.Icmp, "ICMP", "the ICMP reply", (0, 0), (0, 0))
            : new(NetworkAclEvaluator.Tcp, $"TCP {target.Port}", $"the answer to TCP {EphemeralFrom}-{EphemeralTo}", (target.Port, target.Port), (EphemeralFrom, EphemeralTo));

        public Check Check(NetworkAclInfo? acl, bool egress, string peer, bool answer, string what) =>
            new(acl, egress, peer, answer ? Return : Port, answer ? CauseCode.NaclReturnBlocks : CauseCode.NaclBlocks, what, Protocol);
    }
}
