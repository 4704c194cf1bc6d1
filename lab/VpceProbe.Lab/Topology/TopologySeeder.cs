using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Applies a validated <see cref="LabTopology"/> to an AWS endpoint (the lab's gateway) with ordinary API calls:
/// one seeder per resource family, each started as soon as the families whose ids it uses are made: roles and the
/// data at once; subnets and security groups after the VPC; NAT gateways, NACLs, NAT instances, interface endpoints
/// and (with the roles) instances after those; route tables after the NAT gateways and NAT instances; gateway
/// endpoints after the route tables. Every mutating call waits for the lab's data plane to carry it, and calls in
/// flight together share its reconcile passes, so what can overlap does. Validate first
/// (<see cref="TopologyReader"/>): the seeder trusts its input.
/// </summary>
internal sealed class TopologySeeder(Uri endpoint, TimeProvider time)
{
    public TopologySeeder(Uri endpoint)
        : this(endpoint, TimeProvider.System)
    {
    }

    /// <summary>The lab's fake credentials (moto accepts any).</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    /// <exception cref="TopologySeedException">A call failed; what was made before it is left for the caller to sweep.</exception>
    public async Task<SeededTopology> SeedAsync(LabTopology topology, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var ledger = new SeedLedger();
        // No SDK retries: most seeding calls create something (RunInstances, CreateNatGateway, AllocateAddress…), and
        // a blind resend of one the lab already performed makes a second resource or fails on the first one's
        // (moto keeps ClientToken but does not deduplicate with it). A failed call fails `lab up`, which sweeps.
        using var ec2 = new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region, MaxErrorRetry = 0 });
        using var s3 = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region, ForcePathStyle = true, MaxErrorRetry = 0 });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var calls = new SignedAwsCalls(http, endpoint, topology.Region, time);
        var images = new ImageCatalog(ec2);

        // Each family starts once the families it names ids of are made; IAM and the data need no VPC at all.
        var vpc = Family("the VPC and its internet gateway", new VpcSeeder(ec2, ledger).SeedAsync(topology, ct));
        var roles = Family("roles and instance profiles", new RoleSeeder(calls, ledger).SeedAsync(topology, ct));
        var data = Family("buckets and secrets", new DataSeeder(s3, calls, ledger).SeedAsync(topology, ct));
        var subnets = After([vpc], () => Family("subnets", new SubnetSeeder(ec2, ledger).SeedAsync(topology, ct)));
        var groups = After([vpc], () => Family("security groups", new SecurityGroupSeeder(ec2, ledger).SeedAsync(topology, ct)));
        var natGateways = After([subnets], () => Family("NAT gateways", new NatGatewaySeeder(ec2, ledger).SeedAsync(topology, ct)));
        var natInstances = After([subnets, groups], () => Family("NAT instances", new NatInstanceSeeder(ec2, images, ledger).SeedAsync(topology, ct)));
        var acls = After([subnets], () => Family("network ACLs", new NetworkAclSeeder(ec2, ledger).SeedAsync(topology, ct)));
        var routeTables = After([subnets, natGateways, natInstances], () => Family("route tables", new RouteTableSeeder(ec2, ledger).SeedAsync(topology, ct)));
        var instances = After([subnets, groups, roles], () => Family("instances", new InstanceSeeder(ec2, images, ledger).SeedAsync(topology, ct)));
        // Interface endpoints need only subnets and groups: created early, their `pending` time passes while the
        // rest is seeded. Gateway endpoints wait for their route tables inside the family.
        var endpoints = After([subnets, groups], () => Family("endpoints", new EndpointSeeder(ec2, ledger).SeedAsync(topology, routeTables, ct)));
        await Task.WhenAll(vpc, roles, data, subnets, groups, natGateways, natInstances, acls, routeTables, instances, endpoints).ConfigureAwait(false);
        return new SeededTopology(topology.Name, topology.Region, Ordered(ledger.All()));
    }

    /// <summary>A family that starts once others are made (their failure is its failure, unchanged).</summary>
    private static async Task After(Task[] needed, Func<Task> family)
    {
        await Task.WhenAll(needed).ConfigureAwait(false);
        await family().ConfigureAwait(false);
    }

    /// <summary>A family's failure says which family, what the endpoint answered, and that nothing was resent.</summary>
    private static async Task Family(string family, Task seeding)
    {
        try
        {
            await seeding.ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new TopologySeedException($"seeding {family} failed: {e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message} (each creating call is sent once, never resent)", e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            throw new TopologySeedException($"seeding {family} failed: {e.Message} (each creating call is sent once, never resent)", e);
        }
    }

    /// <summary>By kind in a fixed order (parallel families finish in any order), each kind in the topology's order.</summary>
    private static List<SeededResource> Ordered(IReadOnlyList<SeededResource> made)
    {
        string[] order = [SeedKinds.Vpc, SeedKinds.InternetGateway, SeedKinds.Subnet, SeedKinds.SecurityGroup, SeedKinds.Role, SeedKinds.InstanceProfile,
            SeedKinds.NatGateway, SeedKinds.NatInstance, SeedKinds.NetworkAcl, SeedKinds.RouteTable, SeedKinds.Instance, SeedKinds.Endpoint, SeedKinds.Bucket, SeedKinds.Secret];
        return [.. made.OrderBy(r => Array.IndexOf(order, r.Kind))];
    }
}

/// <summary>A seeding call failed (its family and the endpoint's answer in the message; the SDK's exception inside).</summary>
internal sealed class TopologySeedException(string message, Exception inner) : Exception(message, inner);
