using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// A custom network ACL put on one subnet of the shared lab for a test, and the subnet's previous ACL put back
/// (and the custom one deleted) on dispose.
/// </summary>
public sealed class NetworkAcls(AmazonEC2Client ec2, string subnetId, string aclId, string previousAclId) : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string AclId => aclId;

    /// <summary>A new ACL (no rules: everything denied, as a custom ACL starts in AWS) associated with the subnet.</summary>
    public static async Task<NetworkAcls> OnSubnetAsync(AmazonEC2Client ec2, string vpcId, string subnetId)
    {
        var acl = (await ec2.CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpcId }, Ct)).NetworkAcl.NetworkAclId;
        var (associationId, previous) = await AssociationAsync(ec2, subnetId);
        await ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest { AssociationId = associationId, NetworkAclId = acl }, Ct);
        return new NetworkAcls(ec2, subnetId, acl, previous);
    }

    public Task AllowAsync(int rule, bool egress, string protocol, int? from, int? to, string cidr) => EntryAsync(rule, egress, protocol, from, to, cidr, RuleAction.Allow);

    public Task DenyAsync(int rule, bool egress, string protocol, int? from, int? to, string cidr) => EntryAsync(rule, egress, protocol, from, to, cidr, RuleAction.Deny);

    public Task RemoveAsync(int rule, bool egress) =>
        ec2.DeleteNetworkAclEntryAsync(new DeleteNetworkAclEntryRequest { NetworkAclId = aclId, RuleNumber = rule, Egress = egress }, Ct);

    private Task EntryAsync(int rule, bool egress, string protocol, int? from, int? to, string cidr, RuleAction action) =>
        ec2.CreateNetworkAclEntryAsync(new CreateNetworkAclEntryRequest
        {
            NetworkAclId = aclId, RuleNumber = rule, Egress = egress, Protocol = protocol, CidrBlock = cidr, RuleAction = action,
            PortRange = from is null ? null : new PortRange { From = from, To = to },
        }, Ct);

    private static async Task<(string AssociationId, string AclId)> AssociationAsync(AmazonEC2Client ec2, string subnetId)
    {
        var acls = (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = [new Filter("association.subnet-id", [subnetId])] }, Ct)).NetworkAcls;
        var association = acls.SelectMany(a => a.Associations ?? []).Single(a => a.SubnetId == subnetId);
        return (association.NetworkAclAssociationId, association.NetworkAclId);
    }

    public async ValueTask DisposeAsync()
    {
        var (associationId, _) = await AssociationAsync(ec2, subnetId);
        await ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest { AssociationId = associationId, NetworkAclId = previousAclId }, CancellationToken.None);
        await ec2.DeleteNetworkAclAsync(new DeleteNetworkAclRequest { NetworkAclId = aclId }, CancellationToken.None);
    }
}
