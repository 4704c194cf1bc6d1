using VpceProbe.Contract;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// What AWS would do with one probe from one instance, given the VPC as described: DNS, then routing, then the
/// security groups and network ACLs on the way, then the endpoint policy, each decided by its layer's evaluator
/// (the same ones the audit uses). The outcome is in the agent's vocabulary; the path names every resource.
/// </summary>
internal static class Predictor
{
    public static Prediction Predict(VpcSnapshot vpc, InstanceInfo instance, ProbeSpec probe)
    {
        var target = ProbeTarget.Of(probe, vpc.Region, Account(instance));
        if (target is null)
        {
            return Prediction.Unknown($"a {probe.Kind} probe's target is not modelled");
        }

        if (vpc.Subnet(instance.SubnetId) is not { } subnet)
        {
            return Prediction.Unknown($"{instance.Id}'s subnet {instance.SubnetId} is not in the snapshot");
        }

        if (probe.Kind == ProbeKinds.Dns)
        {
            var dns = DnsLayer.Resolve(vpc, instance, target, probe.Nameserver);
            return new(dns.Answer switch { DnsAnswer.Private => Outcome.Private, DnsAnswer.Public => Outcome.Public, _ => Outcome.NoAnswer }, dns.Steps);
        }

        var steps = new List<PathStep>();
        if (target.IsAddress)
        {
            Address(vpc, instance, subnet, target, steps);
        }
        else
        {
            var dns = DnsLayer.Resolve(vpc, instance, target, null);
            steps.AddRange(dns.Steps);
            if (dns is { Answer: DnsAnswer.Private, Endpoint: { } endpoint, EniSubnet: { } eniSubnet })
            {
                Interface(vpc, instance, subnet, target, endpoint, eniSubnet, steps);
            }
            else if (dns.Answer == DnsAnswer.Public)
            {
                Public(vpc, instance, subnet, target, steps);
            }
        }

        return new(OutcomeOf(probe, steps), steps);
    }

    private static void Interface(
        VpcSnapshot vpc, InstanceInfo instance, SubnetInfo subnet, ProbeTarget target, EndpointInfo endpoint, SubnetInfo eniSubnet, List<PathStep> steps)
    {
        steps.Add(PathStep.Passing(PathLayer.Route, subnet.RouteTableId, $"{subnet.RouteTableId}: local route to {endpoint.Id}'s interface in {eniSubnet.Id} ({eniSubnet.Cidr})"));
        if (Until(steps, SecurityGroupLayer.Egress(vpc, instance, target, eniSubnet.Cidr, endpoint.SecurityGroupIds))
            && Until(steps, NetworkAclLayer.Both(vpc, instance, eniSubnet, eniSubnet.Cidr, target))
            && Until(steps, SecurityGroupLayer.Ingress(vpc, endpoint, instance, target))
            && target.Action is not null)
        {
            steps.Add(PolicyLayer.Decide(vpc, endpoint, target));
        }
    }

    private static void Public(VpcSnapshot vpc, InstanceInfo instance, SubnetInfo subnet, ProbeTarget target, List<PathStep> steps)
    {
        var route = RouteLayer.Public(vpc, subnet, target);
        steps.AddRange(route.Steps);
        if (route.Exit == RouteExit.None)
        {
            return;
        }

        if (route.Exit == RouteExit.InternetGateway && !subnet.IsPublic)
        {
            steps.Add(new(PathLayer.Route, StepVerdict.Block, subnet.RouteTableId, $"{instance.Id} has no public address: an internet gateway route carries nothing for it", CauseCode.NoRoute, [subnet.RouteTableId]));
            return;
        }

        var acls = route.Nat is { } nat
            ? NetworkAclLayer.ThroughNat(vpc, instance, nat, route.PeerCidr, target)
            : NetworkAclLayer.Both(vpc, instance, null, route.PeerCidr, target);
        if (Until(steps, SecurityGroupLayer.Egress(vpc, instance, target, route.PeerCidr, null))
            && Until(steps, acls)
            && route.Gateway is { } gateway && target.Action is not null)
        {
            steps.Add(PolicyLayer.Decide(vpc, gateway, target));
        }
    }

    private static void Address(VpcSnapshot vpc, InstanceInfo instance, SubnetInfo subnet, ProbeTarget target, List<PathStep> steps)
    {
        var cidr = $"{target.Host}/32";
        if (vpc.Subnets.FirstOrDefault(s => Cidrs.Contains(s.Cidr, cidr)) is not { } destination)
        {
            Public(vpc, instance, subnet, target, steps);
            return;
        }

        steps.Add(PathStep.Passing(PathLayer.Route, subnet.RouteTableId, $"{subnet.RouteTableId}: local route to {target.Host} in {destination.Id}"));
        if (Until(steps, SecurityGroupLayer.Egress(vpc, instance, target, cidr, null)))
        {
            Until(steps, NetworkAclLayer.Both(vpc, instance, destination, cidr, target));
        }
    }

    // Adds the steps and says whether the traffic goes on past them.
    private static bool Until(List<PathStep> steps, IEnumerable<PathStep> more)
    {
        foreach (var step in more)
        {
            steps.Add(step);
            if (step.Stops)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Until(List<PathStep> steps, PathStep step) => Until(steps, [step]);

    private static Outcome? OutcomeOf(ProbeSpec probe, List<PathStep> steps)
    {
        if (steps.Any(s => s.Verdict == StepVerdict.Undecided))
        {
            return null;
        }

        var block = steps.FirstOrDefault(s => s.Stops);
        var aws = probe.Kind is ProbeKinds.S3 or ProbeKinds.Secret or ProbeKinds.Sts;
        return block switch
        {
            null => aws ? Outcome.Allowed : Outcome.Reachable,
            { Layer: PathLayer.EndpointPolicy } => Outcome.Denied,
            _ => Outcome.Unreachable,
        };
    }

    // The account, from the instance profile's ARN (arn:aws:iam::ACCOUNT:instance-profile/NAME), for a secret's ARN.
    private static string? Account(InstanceInfo instance) =>
        instance.IamInstanceProfileArn?.Split(':') is { Length: > 5 } parts && parts[4].Length > 0 ? parts[4] : null;
}
