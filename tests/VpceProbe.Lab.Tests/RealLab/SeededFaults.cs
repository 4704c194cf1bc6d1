using System.Net.Http.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// One fault seeded into the walkthrough lab: the cell it shows on, what the instance sees there as AWS would make it
/// (real packets and DNS in the lab's namespaces), and the cause code and resource the explanation must name. A fault on
/// the instance itself (<see cref="HostFact"/>) is NOT_EXPLAINED_BY_VPC with that fact of the agent's report shown.
/// </summary>
/// <param name="Resource">The seeded resource, asked for after seeding (an endpoint's id exists only then).</param>
/// <param name="Seed">Seeds the fault; everything it registers on the <see cref="LabResources"/> is undone after the check.</param>
internal sealed record SeededFault(string Name, string Probe, string Observed, string Code, Func<string> Resource, Func<LabResources, Task> Seed, string? HostFact = null);

/// <summary>The 14 faults of issue 12, on the walkthrough (one instance in 10.0.2.0/24, SSM endpoints beside it, a NAT).</summary>
internal sealed class SeededFaults(SharedLab lab, Walkthrough walkthrough, AmazonEC2Client ec2)
{
    public const string Bucket = "twtech-secure-bucket";
    public const string Secret = "twtech/db-password";

    // An address of the lab's internet for a resolver outside the VPC (documentation range, inside the lab's namespace only).
    private const string OutsideResolver = "203.0.113.53";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Instance => walkthrough.InstanceId;

    private string EndpointsGroup => walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg");

    private string PrivateSubnet => walkthrough.Seeded.Id("subnet", "twtechPrivateSubnet");

    public IReadOnlyList<SeededFault> All()
    {
        var id = "";
        return
        [
            // The NAT route removed, no endpoint for the internet: egress fails, decided by the private route table.
            new("nat-route-removed", "egress", "unreachable", "NAT_ROUTE_REMOVED", () => walkthrough.PrivateTable(), NoNatRouteAsync),

            // An S3 gateway endpoint whose policy denies ListAllMyBuckets explicitly: the gateway probe is denied by statement 1.
            new("explicit-deny", "s3-gateway", "denied", "ENDPOINT_POLICY_EXPLICIT_DENY", () => id,
                async undo => id = await GatewayAsync(undo, [walkthrough.PrivateTable()], DenyListBuckets)),

            // An S3 gateway endpoint whose policy allows another bucket only: the bucket's listing is denied, no statement allows it.
            new("policy-allows-another-bucket", "s3-bucket", "denied", "ENDPOINT_POLICY_DENIES", () => id,
                async undo => id = await GatewayAsync(undo, [walkthrough.PrivateTable()], OtherBucketOnly)),

            // A Secrets Manager endpoint (private DNS) whose security group has no 443: the secret times out at its group.
            new("endpoint-sg-lacks-443", "secret", "unreachable", "SG_INGRESS_BLOCKS", () => id, async undo =>
            {
                id = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
                {
                    GroupName = $"diagnosis-{Environment.ProcessId}", Description = "no 443", VpcId = walkthrough.VpcId(),
                }, Ct)).GroupId;
                undo.Undo(() => ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, CancellationToken.None));
                await SecretsEndpointAsync(undo, PrivateSubnet, id);
            }),

            // The instance's group lets 443 out to the VPC only (its SSM endpoints), not to the internet: the secret, via the NAT, stops there.
            new("instance-egress-blocks-443", "secret", "unreachable", "SG_EGRESS_BLOCKS", () => InstanceGroup, EgressToVpcOnlyAsync),

            // A Secrets Manager endpoint in a subnet of its own whose ACL denies 443 from the instance's subnet.
            new("endpoint-subnet-acl-denies-443", "secret", "unreachable", "NACL_BLOCKS", () => id, async undo =>
            {
                var subnet = await SideSubnetAsync(undo, "10.0.3.0/24", "us-east-1a");
                await SecretsEndpointAsync(undo, subnet, EndpointsGroup);
                id = await AclAsync(undo, subnet, acl => acl.DenyAsync(100, egress: false, "6", 443, 443, "10.0.2.0/24"));
            }),

            // The same endpoint, and the instance subnet's ACL drops the answers from the endpoint's subnet to its ephemeral ports.
            new("instance-subnet-acl-denies-return", "secret", "unreachable", "NACL_RETURN_BLOCKS", () => id, async undo =>
            {
                var subnet = await SideSubnetAsync(undo, "10.0.3.0/24", "us-east-1a");
                await SecretsEndpointAsync(undo, subnet, EndpointsGroup);
                id = await AclAsync(undo, PrivateSubnet, acl => acl.DenyAsync(100, egress: false, "6", 1024, 65535, "10.0.3.0/24"));
            }),

            // A Secrets Manager endpoint with private DNS off and no NAT route: the name stays public and has no way out.
            new("private-dns-off", "secret", "unreachable", "PRIVATE_DNS_OFF", () => id, async undo =>
            {
                await NoNatRouteAsync(undo);
                id = await SecretsEndpointAsync(undo, PrivateSubnet, EndpointsGroup, privateDns: false);
            }),

            // enableDnsHostnames off: the SSM endpoints' private DNS no longer applies, their names answer publicly (SSM goes by the NAT).
            new("dns-hostnames-off", "dns-ssm", "public", "VPC_DNS_ATTRIBUTES_OFF", () => walkthrough.VpcId(), async undo =>
            {
                await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = walkthrough.VpcId(), EnableDnsHostnames = false }, Ct);
                undo.Undo(() => ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = walkthrough.VpcId(), EnableDnsHostnames = true }, CancellationToken.None));
            }),

            // An S3 gateway endpoint on the public route table only, and no NAT route: S3 from the private instance has nowhere to go.
            new("gateway-endpoint-not-on-table", "s3-gateway", "unreachable", "GATEWAY_ENDPOINT_NOT_ON_ROUTE_TABLE", () => walkthrough.PrivateTable(), async undo =>
            {
                await NoNatRouteAsync(undo);
                await GatewayAsync(undo, [walkthrough.Seeded.Id("route-table", "twtechPublicRT")], null);
            }),

            // A Secrets Manager endpoint only in us-east-1b: the instance in us-east-1a reaches it across AZs (AWS: it works, and pays for it).
            new("endpoint-not-in-instance-az", "secret", "allowed", "ENDPOINT_NOT_IN_AZ", () => id, async undo =>
            {
                var subnet = await SideSubnetAsync(undo, "10.0.4.0/24", "us-east-1b");
                id = await SecretsEndpointAsync(undo, subnet, EndpointsGroup);
            }),

            // A Secrets Manager endpoint still pending (the lab's hold-pending fault) and no NAT route: it carries nothing yet.
            new("endpoint-pending", "secret", "unreachable", "ENDPOINT_PENDING", () => id, async undo =>
            {
                await NoNatRouteAsync(undo);
                await HoldPendingAsync(undo);
                id = await SecretsEndpointAsync(undo, PrivateSubnet, EndpointsGroup, wait: false);
            }),

            // An /etc/hosts line on the instance pins secretsmanager's name to its public address; without a NAT route that goes nowhere.
            new("hosts-entry-pins-public", "secret", "unreachable", "NOT_EXPLAINED_BY_VPC", () => Instance, async undo =>
            {
                await NoNatRouteAsync(undo);
                await SecretsEndpointAsync(undo, PrivateSubnet, EndpointsGroup);
                await InstanceFileAsync(undo, "hosts", $"echo '{Addresses.Service("secretsmanager")} secretsmanager.{lab.Region}.amazonaws.com' >> /etc/hosts");
            }, HostFact: $"/etc/hosts: {Addresses.Service("secretsmanager")} secretsmanager.{lab.Region}.amazonaws.com"),

            // The instance's resolver replaced by one on the internet (reached through the NAT): the SSM names answer publicly.
            new("resolver-outside-vpc", "dns-ssm", "public", "NOT_EXPLAINED_BY_VPC", () => Instance, async undo =>
            {
                await OutsideResolverAsync(undo);
                await InstanceFileAsync(undo, "resolv.conf", $"echo 'nameserver {OutsideResolver}' > /etc/resolv.conf");
            }, HostFact: $"/etc/resolv.conf: nameserver {OutsideResolver}"),
        ];
    }

    private string InstanceGroup => walkthrough.Seeded.Id("security-group", "twtech-private-sg");

    private const string DenyListBuckets = """
        { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*" },
                         { "Effect": "Deny", "Principal": "*", "Action": "s3:ListAllMyBuckets", "Resource": "*" } ] }
        """;

    private const string OtherBucketOnly = """
        { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": [ "arn:aws:s3:::twtech-other-bucket", "arn:aws:s3:::twtech-other-bucket/*" ] } ] }
        """;

    private async Task NoNatRouteAsync(LabResources undo)
    {
        await walkthrough.RemoveNatRouteAsync(ec2);
        undo.Undo(() => walkthrough.RestoreNatRouteAsync(ec2));
    }

    private async Task<string> GatewayAsync(LabResources undo, List<string> tables, string? policy)
    {
        var id = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.VpcId(), ServiceName = $"com.amazonaws.{lab.Region}.s3", VpcEndpointType = VpcEndpointType.Gateway,
            RouteTableIds = tables, PolicyDocument = policy,
        }, Ct)).VpcEndpoint.VpcEndpointId;
        undo.Undo(() => DeleteEndpointAsync(id));
        await Walkthrough.WaitAvailableAsync(ec2, [id]);
        return id;
    }

    private async Task<string> SecretsEndpointAsync(LabResources undo, string subnet, string group, bool privateDns = true, bool wait = true)
    {
        var id = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.VpcId(), ServiceName = $"com.amazonaws.{lab.Region}.secretsmanager", VpcEndpointType = VpcEndpointType.Interface,
            SubnetIds = [subnet], SecurityGroupIds = [group], PrivateDnsEnabled = privateDns,
        }, Ct)).VpcEndpoint.VpcEndpointId;
        undo.Undo(() => DeleteEndpointAsync(id));
        if (wait)
        {
            await Walkthrough.WaitAvailableAsync(ec2, [id]);
        }

        return id;
    }

    private Task DeleteEndpointAsync(string id) =>
        ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [id] }, CancellationToken.None);

    private Task<string> SideSubnetAsync(LabResources undo, string cidr, string zone) => undo.SubnetAsync(walkthrough.VpcId(), cidr, zone);

    // A custom ACL on the subnet that allows everything but what the fault denies (rule 100), undone on dispose.
    private async Task<string> AclAsync(LabResources undo, string subnet, Func<NetworkAcls, Task> deny)
    {
        var acl = await NetworkAcls.OnSubnetAsync(ec2, walkthrough.VpcId(), subnet);
        undo.Undo(() => acl.DisposeAsync().AsTask());
        await deny(acl);
        await acl.AllowAsync(200, egress: false, "-1", null, null, "0.0.0.0/0");
        await acl.AllowAsync(100, egress: true, "-1", null, null, "0.0.0.0/0");
        return acl.AclId;
    }

    private async Task EgressToVpcOnlyAsync(LabResources undo)
    {
        IpPermission All() => new() { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] };
        List<IpPermission> narrow =
        [
            new() { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/16" }] },
            new() { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] },
        ];
        await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = InstanceGroup, IpPermissions = narrow }, Ct);
        await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = InstanceGroup, IpPermissions = [All()] }, Ct);
        undo.Undo(async () =>
        {
            await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = InstanceGroup, IpPermissions = [All()] }, CancellationToken.None);
            await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = InstanceGroup, IpPermissions = narrow }, CancellationToken.None);
        });
    }

    private async Task HoldPendingAsync(LabResources undo)
    {
        using var http = new HttpClient { BaseAddress = lab.GatewayUrl };
        (await http.PutAsJsonAsync("/_lab/faults", new { latencyMs = 0, throttleRate = 0, serverErrorRate = 0, holdPending = true }, Ct)).EnsureSuccessStatusCode();
        undo.Undo(async () =>
        {
            using var again = new HttpClient { BaseAddress = lab.GatewayUrl };
            (await again.DeleteAsync("/_lab/faults", CancellationToken.None)).EnsureSuccessStatusCode();
        });
    }

    // Changes a file of the instance with a shell line run in it, as a user on the instance would; the file's content is put back after.
    private async Task InstanceFileAsync(LabResources undo, string name, string script)
    {
        var path = Path.Combine("/etc/netns", walkthrough.InstanceNamespace, name);
        var before = await File.ReadAllTextAsync(path, Ct);
        undo.Undo(() => File.WriteAllTextAsync(path, before, CancellationToken.None));
        var (code, output) = await walkthrough.OnInstanceAsync(script);
        Assert.True(code == 0, output);
    }

    // dnsmasq on an address of the lab's internet namespace answering the public names with their public addresses, as a
    // resolver on the internet would; it knows nothing of the VPC and forwards nowhere.
    private async Task OutsideResolverAsync(LabResources undo)
    {
        var internet = lab.Names.Internet;
        var (added, why) = await InNamespace.HostAsync($"ip -n {internet} addr add {OutsideResolver}/32 dev lo");
        Assert.True(added == 0, why);
        undo.Undo(() => InNamespace.HostAsync($"ip -n {internet} addr del {OutsideResolver}/32 dev lo"));
        string[] args =
        [
            "netns", "exec", internet, "dnsmasq", "--keep-in-foreground", "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
            "--no-poll", "--pid-file=", "--bind-interfaces", $"--listen-address={OutsideResolver}", "--user=root", "--log-facility=-",
            .. Addresses.PublicNames(lab.Region).Select(n => $"--address=/{n.Name}/{n.Address}"),
        ];
        var dnsmasq = ChildProcess.Start("ip", args);
        undo.Undo(() => dnsmasq.DisposeAsync().AsTask());
        await Fakes.Eventually.MatchAsync(() => Task.FromResult(dnsmasq.Output), output => output.Contains("started, version", StringComparison.Ordinal) || dnsmasq.HasExited);
        Assert.False(dnsmasq.HasExited, dnsmasq.Output);
    }
}
