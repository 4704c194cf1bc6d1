using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// The security group layer: the instance's egress to the destination, and the endpoint ENI's ingress from the
/// instance. Groups are stateful, so answers need no rule (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html).
/// </summary>
internal static class SecurityGroupLayer
{
    public static PathStep Egress(VpcSnapshot vpc, InstanceInfo instance, ProbeTarget target, string peerCidr, IReadOnlyCollection<string>? peerGroups)
    {
        var groups = Groups(vpc, instance.SecurityGroupIds);
        var resource = instance.SecurityGroupIds.FirstOrDefault() ?? instance.Id;
        if (groups.Count == 0)
        {
            return new(PathLayer.SecurityGroupEgress, StepVerdict.Note, resource, $"{instance.Id}'s security groups are not in the snapshot: egress not judged");
        }

        var match = SecurityGroupEvaluator.FirstAllowing(groups, egress: true, target.Protocol, target.Port, peerCidr, peerGroups);
        return match is not null
            ? PathStep.Passing(PathLayer.SecurityGroupEgress, match.GroupId, $"egress {match.Rule}")
            : new(PathLayer.SecurityGroupEgress, StepVerdict.Block, resource,
                $"no egress rule of {AuditText.List(groups.Select(g => g.Id))} allows {Traffic(target)} to {peerCidr}",
                CauseCode.SgEgressBlocks, [resource, Port(target), peerCidr]);
    }

    public static PathStep Ingress(VpcSnapshot vpc, EndpointInfo endpoint, InstanceInfo instance, ProbeTarget target)
    {
        var groups = Groups(vpc, endpoint.SecurityGroupIds);
        var resource = endpoint.SecurityGroupIds.FirstOrDefault() ?? endpoint.Id;
        if (groups.Count == 0)
        {
            return new(PathLayer.SecurityGroupIngress, StepVerdict.Note, resource, $"{endpoint.Id}'s security groups are not in the snapshot: ingress not judged");
        }

        var source = InstanceCidr(vpc, instance);
        var match = SecurityGroupEvaluator.FirstAllowing(groups, egress: false, target.Protocol, target.Port, source, instance.SecurityGroupIds);
        return match is not null
            ? PathStep.Passing(PathLayer.SecurityGroupIngress, match.GroupId, $"ingress {match.Rule}")
            : new(PathLayer.SecurityGroupIngress, StepVerdict.Block, resource,
                $"no ingress rule of {AuditText.List(groups.Select(g => g.Id))} ({endpoint.Id}) allows {Traffic(target)} from {instance.Id} ({source})",
                CauseCode.SgIngressBlocks, [resource, Port(target), source]);
    }

    /// <summary>The instance's address as a /32, else its subnet's range.</summary>
    public static string InstanceCidr(VpcSnapshot vpc, InstanceInfo instance) =>
        instance.PrivateIp is { } ip ? $"{ip}/32" : vpc.Subnet(instance.SubnetId)?.Cidr ?? "0.0.0.0/0";

    private static string Traffic(ProbeTarget target) => target.Protocol == ProbeTarget.Icmp ? "ICMP" : $"{target.Protocol.ToUpperInvariant()} {target.Port}";

    private static string Port(ProbeTarget target) => target.Protocol == ProbeTarget.Icmp ? "-1" : target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<SecurityGroupInfo> Groups(VpcSnapshot vpc, IReadOnlyList<string> ids) => [.. vpc.SecurityGroups.Where(g => ids.Contains(g.Id))];
}
