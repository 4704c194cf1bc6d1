using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Security groups: all groups first (rules may name each other), then their rules. A group with `egress` given
/// loses AWS's default egress rule (all traffic to 0.0.0.0/0, which CreateSecurityGroup always adds) and gets
/// exactly the listed ones.
/// </summary>
internal sealed class SecurityGroupSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var ids = await SeedParallel.MapAsync(topology.SecurityGroups, async (group, token) => (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = group.Name, Description = group.Description, VpcId = vpcId, TagSpecifications = Ec2Tags.Spec("security-group", group.Name, group.Tags),
        }, token).ConfigureAwait(false)).GroupId, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.SecurityGroup, topology.SecurityGroups, ids, x => x.Name, x => x.SourceId);

        await SeedParallel.ForEachAsync(topology.SecurityGroups, async (group, token) => await RulesAsync(group, token).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private async Task RulesAsync(SecurityGroupSpec group, CancellationToken ct)
    {
        var id = ledger.Id(SeedKinds.SecurityGroup, group.Name);
        if (group.Ingress.Count > 0)
        {
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = id, IpPermissions = [.. group.Ingress.Select(Permission)] }, ct).ConfigureAwait(false);
        }

        if (group.Egress is { } egress)
        {
            await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
            {
                GroupId = id, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            }, ct).ConfigureAwait(false);
            if (egress.Count > 0)
            {
                await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = id, IpPermissions = [.. egress.Select(Permission)] }, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>icmp without ports means every type and code (-1/-1); -1 (all protocols) takes no ports.</summary>
    private IpPermission Permission(SecurityGroupRuleSpec rule) => new()
    {
        IpProtocol = rule.Protocol,
        FromPort = rule.Protocol == "icmp" ? -1 : rule.FromPort,
        ToPort = rule.Protocol == "icmp" ? -1 : rule.ToPort,
        Ipv4Ranges = rule.Cidr is null ? null : [new IpRange { CidrIp = rule.Cidr }],
        UserIdGroupPairs = rule.SecurityGroup is null ? null : [new UserIdGroupPair { GroupId = ledger.Id(SeedKinds.SecurityGroup, rule.SecurityGroup) }],
    };
}
