using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// An interface endpoint with one ENI per target availability zone, private DNS on by default, behind a
/// security group the harness creates that allows 443 only from the VPC's CIDRs (not 0.0.0.0/0: an open
/// endpoint group is a finding in every audit).
/// </summary>
internal sealed class CreateInterfaceEndpoint(ActionDefinition action) : IVpcChange
{
    public string Action => ActionTypes.CreateInterfaceEndpoint;

    public IReadOnlyList<ChangeRecord> Preview(ChangeContext context) =>
        EndpointCreation.Adopted(context, action, ServiceName(context)) is { } adopted
            ? adopted
            :
            [
                context.Record(ChangeActions.CreateSecurityGroup, GroupName(context), $"create security group {GroupName(context)}: tcp 443 from {string.Join(", ", context.Vpc.Cidrs)}", ChangeStatus.Planned),
                context.Record(Action, ServiceName(context), Describe(context), ChangeStatus.Planned),
            ];

    public async Task<IReadOnlyList<ChangeRecord>> ApplyAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        if (await EndpointCreation.AdoptAsync(context, action, ServiceName(context), cancellationToken).ConfigureAwait(false) is { } adopted)
        {
            return adopted;
        }

        var groupId = await CreateSecurityGroupAsync(context, cancellationToken).ConfigureAwait(false);
        var request = new CreateVpcEndpointRequest
        {
            ServiceName = ServiceName(context),
            VpcEndpointType = VpcEndpointType.Interface,
            SubnetIds = [.. context.OneSubnetPerTargetZone()],
            SecurityGroupIds = [groupId],
            PrivateDnsEnabled = action.PrivateDns,
        };
        var endpoint = await EndpointCreation.CreateAsync(context, Action, request, Describe(context), cancellationToken).ConfigureAwait(false);
        return [context.Record(ChangeActions.CreateSecurityGroup, groupId, $"security group {GroupName(context)}: tcp 443 from the VPC CIDRs", ChangeStatus.Applied), endpoint];
    }

    private async Task<string> CreateSecurityGroupAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var name = GroupName(context);
        var intent = context.Intent(new JournalEntry { Type = JournalEntryTypes.Intent, Action = ChangeActions.CreateSecurityGroup, ScenarioAction = ChangeActions.CreateSecurityGroup, GroupName = name });
        var group = await context.Ec2.CreateSecurityGroupAsync(
            new()
            {
                GroupName = name,
                Description = $"vpceprobe run {context.RunId}: HTTPS from the VPC to the {action.Service} endpoint",
                VpcId = context.Vpc.VpcId,
                TagSpecifications = context.Tags(ResourceType.SecurityGroup, name),
            },
            cancellationToken).ConfigureAwait(false);
        context.Done(intent, group.GroupId);
        await context.Ec2.AuthorizeSecurityGroupIngressAsync(
            new()
            {
                GroupId = group.GroupId,
                IpPermissions = [new() { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [.. context.Vpc.Cidrs.Select(c => new IpRange { CidrIp = c, Description = "VPC" })] }],
            },
            cancellationToken).ConfigureAwait(false);
        return group.GroupId;
    }

    private string ServiceName(ChangeContext context) => context.ServiceName(action.Service!);

    private string GroupName(ChangeContext context) => $"vpceprobe-{context.RunId}-{action.Service}";

    private string Describe(ChangeContext context) =>
        $"create interface endpoint {ServiceName(context)} in {string.Join(", ", context.OneSubnetPerTargetZone())}, private DNS {(action.PrivateDns ? "on" : "off")}";
}
