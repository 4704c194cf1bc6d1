using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>Where a name resolves to, from the instance: the endpoint's network interfaces, the public addresses, or nothing.</summary>
internal enum DnsAnswer
{
    Private,
    Public,
    None,
}

/// <param name="Endpoint">The interface endpoint the name resolves to, when <see cref="DnsAnswer.Private"/>.</param>
/// <param name="EniSubnet">The endpoint's subnet the instance reaches: the one in its AZ, else another.</param>
internal sealed record DnsResolution(DnsAnswer Answer, EndpointInfo? Endpoint, SubnetInfo? EniSubnet, IReadOnlyList<PathStep> Steps);

/// <summary>
/// The DNS layer. The Route 53 Resolver at the VPC's base + 2 answers only with enableDnsSupport on; a service
/// name answers with an interface endpoint's ENI addresses when the endpoint is available, has private DNS, and
/// both VPC DNS attributes are on (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html);
/// otherwise with the service's public addresses. The regional name returns the ENIs of every AZ the endpoint is in,
/// so an instance in an AZ without one still gets an answer (in another AZ).
/// </summary>
internal static class DnsLayer
{
    public static DnsResolution Resolve(VpcSnapshot vpc, InstanceInfo instance, ProbeTarget target, string? nameserver)
    {
        var resolver = vpc.Cidrs.Select(c => Cidrs.Offset(c, 2)).FirstOrDefault(a => a is not null) ?? "base+2";
        var steps = new List<PathStep>();
        if (nameserver is not null && !nameserver.StartsWith(resolver, StringComparison.Ordinal))
        {
            // Another resolver knows nothing of the VPC's private hosted zones: public answers at best.
            steps.Add(new(PathLayer.Dns, StepVerdict.Detour, vpc.VpcId, $"the probe asks {nameserver}, not the VPC resolver {resolver}"));
            return new(DnsAnswer.Public, null, null, steps);
        }

        if (!vpc.EnableDnsSupport)
        {
            steps.Add(new(PathLayer.Dns, StepVerdict.Block, vpc.VpcId, $"enableDnsSupport is off: the VPC resolver {resolver} does not answer",
                CauseCode.VpcDnsAttributesOff, [vpc.VpcId, "enable-dns-support"]));
            return new(DnsAnswer.None, null, null, steps);
        }

        steps.Add(PathStep.Passing(PathLayer.Dns, vpc.VpcId, $"the VPC resolver {resolver} answers (enableDnsSupport on)"));
        if (OwnName(vpc, target.Host) is { } own)
        {
            return OwnNameResolution(vpc, instance, target, own, steps);
        }

        var candidates = target.Service is null ? [] : vpc.Endpoints
            .Where(e => e.Type == EndpointType.Interface && e.ShortService == target.Service && e.State is not ("deleted" or "deleting" or "failed" or "rejected"))
            .ToList();
        if (candidates.Count == 0)
        {
            steps.Add(PathStep.Passing(PathLayer.Dns, vpc.VpcId, target.Service is null
                ? $"{target.Host} is no AWS service name: public addresses"
                : $"no interface endpoint for {target.Service}: {target.Host} answers with public addresses"));
            return new(DnsAnswer.Public, null, null, steps);
        }

        var endpoint = candidates.FirstOrDefault(e => e.State == "available" && e.PrivateDnsEnabled) ?? candidates[0];
        if (endpoint.State != "available")
        {
            steps.Add(new(PathLayer.EndpointState, StepVerdict.Detour, endpoint.Id,
                $"{endpoint.Id} ({target.Service}) is {endpoint.State}: it carries nothing yet, the name answers with public addresses", CauseCode.EndpointPending, [endpoint.Id]));
            return new(DnsAnswer.Public, null, null, steps);
        }

        if (!endpoint.PrivateDnsEnabled)
        {
            steps.Add(new(PathLayer.Dns, StepVerdict.Detour, endpoint.Id,
                $"{endpoint.Id} ({target.Service}) has private DNS off: {target.Host} answers with public addresses", CauseCode.PrivateDnsOff, [endpoint.Id]));
            return new(DnsAnswer.Public, null, null, steps);
        }

        if (!vpc.EnableDnsHostnames)
        {
            steps.Add(new(PathLayer.Dns, StepVerdict.Detour, vpc.VpcId,
                $"enableDnsHostnames is off: {endpoint.Id}'s private DNS does not apply, {target.Host} answers with public addresses",
                CauseCode.VpcDnsAttributesOff, [vpc.VpcId, "enable-dns-hostnames"]));
            return new(DnsAnswer.Public, null, null, steps);
        }

        steps.Add(PathStep.Passing(PathLayer.Dns, endpoint.Id, $"private DNS of {endpoint.Id}: {target.Host} answers with its network interfaces' addresses"));
        return Interfaces(vpc, instance, endpoint, steps);
    }

    // An interface endpoint's own DNS names (vpce-ID-SUFFIX.SERVICE.REGION.vpce.amazonaws.com, and the zonal ones) are
    // public records that always answer with the endpoint's network interface addresses, whatever its private DNS
    // setting and the VPC's enableDnsHostnames ("DNS hostnames", https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html).
    private static EndpointInfo? OwnName(VpcSnapshot vpc, string? host) =>
        host is null || !host.EndsWith(".vpce.amazonaws.com", StringComparison.OrdinalIgnoreCase)
            ? null
            : vpc.Endpoints.FirstOrDefault(e => e.Type == EndpointType.Interface && host.StartsWith(e.Id + "-", StringComparison.OrdinalIgnoreCase));

    private static DnsResolution OwnNameResolution(VpcSnapshot vpc, InstanceInfo instance, ProbeTarget target, EndpointInfo endpoint, List<PathStep> steps)
    {
        if (endpoint.State != "available")
        {
            steps.Add(new(PathLayer.EndpointState, StepVerdict.Block, endpoint.Id,
                $"{target.Host} is {endpoint.Id}'s own name and {endpoint.Id} is {endpoint.State}: it carries nothing yet", CauseCode.EndpointPending, [endpoint.Id]));
            return new(DnsAnswer.None, null, null, steps);
        }

        steps.Add(PathStep.Passing(PathLayer.Dns, endpoint.Id, $"{target.Host} is {endpoint.Id}'s own DNS name: it answers with its network interfaces' addresses, whatever private DNS says"));
        return Interfaces(vpc, instance, endpoint, steps);
    }

    private static DnsResolution Interfaces(VpcSnapshot vpc, InstanceInfo instance, EndpointInfo endpoint, List<PathStep> steps)
    {
        var subnets = endpoint.SubnetIds.Select(vpc.Subnet).OfType<SubnetInfo>().ToList();
        var inAz = subnets.FirstOrDefault(s => s.AvailabilityZone == instance.AvailabilityZone);
        if (inAz is null && subnets.Count > 0)
        {
            steps.Add(new(PathLayer.Dns, StepVerdict.Note, endpoint.Id,
                $"{endpoint.Id} has no network interface in {instance.AvailabilityZone}: the instance uses the one in {subnets[0].AvailabilityZone} ({subnets[0].Id})",
                CauseCode.EndpointNotInAz, [endpoint.Id, instance.AvailabilityZone ?? "THE_AZ"]));
        }

        return new(DnsAnswer.Private, endpoint, inAz ?? subnets.FirstOrDefault(), steps);
    }
}
