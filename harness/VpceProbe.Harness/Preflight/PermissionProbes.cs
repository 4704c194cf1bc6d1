using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// The EC2 calls a plan will make, each as a DryRun request on the resources it will touch: the NAT routes of the
/// targets' tables, endpoints created (with the run tag, as the policy's aws:RequestTag condition wants) or adopted
/// (ModifyVpcEndpoint on the existing one), the interface endpoints' security groups, the VPC's lease tag. What the
/// run deletes does not exist yet: those probes name a placeholder id, and AWS may answer it is not found.
/// </summary>
internal static class PermissionProbes
{
    // A host route in TEST-NET-1 (RFC 5737): no table has it, so a DeleteRoute carried out by an emulator changes nothing.
    private const string AbsentRoute = "192.0.2.0/32";
    private const string PlaceholderEndpoint = "vpce-00000000000000000";
    private const string PlaceholderGroup = "sg-00000000000000000";

    public static IReadOnlyList<PermissionProbe> For(PreflightInput input)
    {
        var actions = input.Actions.ToList();
        if (actions.Count == 0)
        {
            return [];
        }

        var vpc = input.Vpc;
        var tables = TargetTables(input);
        var probes = new List<PermissionProbe>();
        var natRoute = tables.SelectMany(t => t.Routes.Select(r => (Table: t.Id, Route: r)))
            .FirstOrDefault(x => x.Route.DestinationCidr == "0.0.0.0/0" && x.Route.TargetKind is RouteTargetKind.NatGateway or RouteTargetKind.Instance or RouteTargetKind.NetworkInterface);
        var removes = actions.Any(a => a.Type == ActionTypes.RemoveNatRoutes) && natRoute.Table is not null;
        var detectorTable = natRoute.Table ?? tables.FirstOrDefault()?.Id ?? vpc.RouteTables.FirstOrDefault()?.Id;
        if (detectorTable is null)
        {
            return [];
        }

        probes.Add(new("ec2:DeleteRoute", "remove-nat-routes", removes, Detector: true,
            (ec2, ct) => ec2.DeleteRouteAsync(new() { DryRun = true, RouteTableId = detectorTable, DestinationCidrBlock = AbsentRoute }, ct)));
        if (removes)
        {
            var (table, route) = natRoute;
            probes.Add(new("ec2:CreateRoute", "restoring the NAT route", true, false, (ec2, ct) => ec2.CreateRouteAsync(new()
            {
                DryRun = true, RouteTableId = table, DestinationCidrBlock = AbsentRoute,
                NatGatewayId = route.TargetKind == RouteTargetKind.NatGateway ? route.TargetId : null,
                InstanceId = route.TargetKind == RouteTargetKind.Instance ? route.TargetId : null,
                NetworkInterfaceId = route.TargetKind == RouteTargetKind.NetworkInterface ? route.TargetId : null,
            }, ct)));
        }

        probes.Add(new("ec2:CreateTags", "the run's lease tag on the VPC", true, false,
            (ec2, ct) => ec2.CreateTagsAsync(new() { DryRun = true, Resources = [vpc.VpcId], Tags = [new(Run.VpcLease.TagKey, "preflight")] }, ct)));
        probes.Add(new("ec2:DeleteTags", "removing the lease", true, false,
            (ec2, ct) => ec2.DeleteTagsAsync(new() { DryRun = true, Resources = [vpc.VpcId], Tags = [new(Run.VpcLease.TagKey, "preflight")] }, ct)));
        foreach (var action in actions.Where(a => a.Type is ActionTypes.CreateGatewayEndpoint or ActionTypes.CreateInterfaceEndpoint))
        {
            probes.AddRange(EndpointProbes(input, action, tables));
        }

        return probes;
    }

    private static IEnumerable<PermissionProbe> EndpointProbes(PreflightInput input, ActionDefinition action, IReadOnlyList<RouteTableInfo> tables)
    {
        var vpc = input.Vpc;
        var service = $"com.amazonaws.{vpc.Region}.{action.Service}";
        var gateway = action.Type == ActionTypes.CreateGatewayEndpoint;
        var why = $"{action.Type} {action.Service}";
        if (vpc.Endpoints.FirstOrDefault(e => e.ServiceName == service && e.State is "available" or "pending") is { } existing)
        {
            yield return new("ec2:ModifyVpcEndpoint", $"{why}: completing the adopted {existing.Id}", true, false,
                (ec2, ct) => ec2.ModifyVpcEndpointAsync(new() { DryRun = true, VpcEndpointId = existing.Id }, ct));
            yield break;
        }

        var tag = new List<TagSpecification> { new() { ResourceType = ResourceType.VpcEndpoint, Tags = [new(ChangeContext.RunIdTag, "preflight")] } };
        yield return new("ec2:CreateVpcEndpoint", why, true, false, (ec2, ct) => ec2.CreateVpcEndpointAsync(new()
        {
            DryRun = true, VpcId = vpc.VpcId, ServiceName = service, TagSpecifications = tag,
            VpcEndpointType = gateway ? VpcEndpointType.Gateway : VpcEndpointType.Interface,
            RouteTableIds = gateway ? [.. tables.Select(t => t.Id)] : null,
            SubnetIds = gateway ? null : [.. input.Targets.Select(t => t.SubnetId).Distinct().Take(1)],
        }, ct));
        yield return new("ec2:DeleteVpcEndpoints", $"{why}: cleanup", true, false,
            (ec2, ct) => ec2.DeleteVpcEndpointsAsync(new() { DryRun = true, VpcEndpointIds = [PlaceholderEndpoint] }, ct));
        if (gateway)
        {
            yield break;
        }

        yield return new("ec2:CreateSecurityGroup", $"{why}: its security group", true, false, (ec2, ct) => ec2.CreateSecurityGroupAsync(new()
        {
            DryRun = true, VpcId = vpc.VpcId, GroupName = "vpceprobe-preflight", Description = "vpceprobe preflight (DryRun)",
            TagSpecifications = [new() { ResourceType = ResourceType.SecurityGroup, Tags = [new(ChangeContext.RunIdTag, "preflight")] }],
        }, ct));
        yield return new("ec2:AuthorizeSecurityGroupIngress", $"{why}: 443 from the VPC", true, false, (ec2, ct) => ec2.AuthorizeSecurityGroupIngressAsync(new()
        {
            DryRun = true, GroupId = PlaceholderGroup, IpPermissions = [new() { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new() { CidrIp = vpc.Cidrs.FirstOrDefault() ?? "10.0.0.0/16" }] }],
        }, ct));
        yield return new("ec2:DeleteSecurityGroup", $"{why}: cleanup of its group", true, false,
            (ec2, ct) => ec2.DeleteSecurityGroupAsync(new() { DryRun = true, GroupId = PlaceholderGroup }, ct));
    }

    private static IReadOnlyList<RouteTableInfo> TargetTables(PreflightInput input)
    {
        var ids = input.Targets.Select(t => input.Vpc.Subnets.FirstOrDefault(s => s.Id == t.SubnetId)?.RouteTableId).OfType<string>().Distinct().ToHashSet();
        return [.. input.Vpc.RouteTables.Where(t => ids.Contains(t.Id))];
    }
}

/// <param name="Action">The IAM action the call proves.</param>
/// <param name="Why">Which change of the plan needs it.</param>
/// <param name="Needed">False for the detector when the plan removes no route: its answer decides only whether DryRun is honoured.</param>
/// <param name="Detector">Harmless if carried out; its answer says whether the endpoint honours DryRun.</param>
internal sealed record PermissionProbe(string Action, string Why, bool Needed, bool Detector, Func<IAmazonEC2, CancellationToken, Task> Call);
