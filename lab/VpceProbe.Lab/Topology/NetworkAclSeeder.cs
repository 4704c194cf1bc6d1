using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Network ACLs: CreateNetworkAcl, one CreateNetworkAclEntry per rule (protocols as numbers, as the API answers
/// them), then each subnet's association moves from the default ACL with ReplaceNetworkAclAssociation (a subnet
/// always has exactly one ACL; there is no "associate").
/// </summary>
internal sealed class NetworkAclSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    private static readonly Dictionary<string, string> ProtocolNumbers = new(StringComparer.Ordinal) { ["tcp"] = "6", ["udp"] = "17", ["icmp"] = "1", ["-1"] = "-1" };

    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        if (topology.NetworkAcls.Count == 0)
        {
            return;
        }

        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var ids = await SeedParallel.MapAsync(topology.NetworkAcls, async (acl, token) =>
        {
            var id = (await ec2.CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpcId, TagSpecifications = Ec2Tags.Spec("network-acl", acl.Name, acl.Tags) }, token).ConfigureAwait(false)).NetworkAcl.NetworkAclId;
            foreach (var (rule, egress) in acl.Ingress.Select(r => (r, false)).Concat(acl.Egress.Select(r => (r, true))))
            {
                await ec2.CreateNetworkAclEntryAsync(Entry(id, rule, egress), token).ConfigureAwait(false);
            }

            return id;
        }, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.NetworkAcl, topology.NetworkAcls, ids, x => x.Name, x => x.SourceId);

        // One at a time: every replacement edits the default ACL's association list.
        var current = (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = [new Filter("vpc-id", [vpcId])] }, ct).ConfigureAwait(false)).NetworkAcls
            .SelectMany(a => a.Associations ?? []).ToDictionary(a => a.SubnetId, a => a.NetworkAclAssociationId);
        foreach (var subnet in topology.Subnets.Where(s => s.NetworkAcl is not null))
        {
            await ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest
            {
                AssociationId = current[ledger.Id(SeedKinds.Subnet, subnet.Name)], NetworkAclId = ledger.Id(SeedKinds.NetworkAcl, subnet.NetworkAcl!),
            }, ct).ConfigureAwait(false);
        }
    }

    private static CreateNetworkAclEntryRequest Entry(string aclId, NetworkAclRuleSpec rule, bool egress) => new()
    {
        NetworkAclId = aclId,
        RuleNumber = rule.RuleNumber,
        Protocol = ProtocolNumbers[rule.Protocol],
        Egress = egress,
        CidrBlock = rule.Cidr,
        RuleAction = rule.Action,
        PortRange = rule.FromPort is { } from && rule.ToPort is { } to ? new PortRange { From = from, To = to } : null,
        IcmpTypeCode = rule.Protocol == "icmp" ? new IcmpTypeCode { Type = -1, Code = -1 } : null,
    };
}
