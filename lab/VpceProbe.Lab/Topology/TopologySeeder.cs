using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Applies a validated <see cref="LabTopology"/> to an AWS endpoint (the lab's gateway) with ordinary API calls:
/// one seeder per resource family, in dependency order, families that do not depend on each other in parallel
/// (subnets with security groups and roles; NAT gateways with NACLs and NAT instances; instances with route
/// tables; endpoints with the data). Validate first (<see cref="TopologyReader"/>): the seeder trusts its input.
/// </summary>
public sealed class TopologySeeder(Uri endpoint, TimeProvider time)
{
    public TopologySeeder(Uri endpoint)
        : this(endpoint, TimeProvider.System)
    {
    }

    /// <summary>The lab's fake credentials (moto accepts any).</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    public async Task<SeededTopology> SeedAsync(LabTopology topology, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var ledger = new SeedLedger();
        using var ec2 = new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region });
        using var s3 = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region, ForcePathStyle = true });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var calls = new SignedAwsCalls(http, endpoint, topology.Region, time);
        var images = new ImageCatalog(ec2);

        await new VpcSeeder(ec2, ledger).SeedAsync(topology, ct).ConfigureAwait(false);
        await Task.WhenAll(
            new SubnetSeeder(ec2, ledger).SeedAsync(topology, ct),
            new SecurityGroupSeeder(ec2, ledger).SeedAsync(topology, ct),
            new RoleSeeder(calls, ledger).SeedAsync(topology, ct)).ConfigureAwait(false);
        await Task.WhenAll(
            new NatGatewaySeeder(ec2, ledger).SeedAsync(topology, ct),
            new NatInstanceSeeder(ec2, images, ledger).SeedAsync(topology, ct),
            new NetworkAclSeeder(ec2, ledger).SeedAsync(topology, ct)).ConfigureAwait(false);
        await Task.WhenAll(
            new RouteTableSeeder(ec2, ledger).SeedAsync(topology, ct),
            new InstanceSeeder(ec2, images, ledger).SeedAsync(topology, ct)).ConfigureAwait(false);
        await Task.WhenAll(
            new EndpointSeeder(ec2, ledger).SeedAsync(topology, ct),
            new DataSeeder(s3, calls, ledger).SeedAsync(topology, ct)).ConfigureAwait(false);
        return new SeededTopology(topology.Name, topology.Region, Ordered(ledger.All()));
    }

    /// <summary>By kind in a fixed order (parallel families finish in any order), each kind in the topology's order.</summary>
    private static List<SeededResource> Ordered(IReadOnlyList<SeededResource> made)
    {
        string[] order = [SeedKinds.Vpc, SeedKinds.InternetGateway, SeedKinds.Subnet, SeedKinds.SecurityGroup, SeedKinds.Role, SeedKinds.InstanceProfile,
            SeedKinds.NatGateway, SeedKinds.NatInstance, SeedKinds.NetworkAcl, SeedKinds.RouteTable, SeedKinds.Instance, SeedKinds.Endpoint, SeedKinds.Bucket, SeedKinds.Secret];
        return [.. made.OrderBy(r => Array.IndexOf(order, r.Kind))];
    }
}
