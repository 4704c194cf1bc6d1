using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Applies a <see cref="LabTopology"/> to an AWS endpoint (the lab's gateway) with ordinary API calls, in the
/// order a person would click through the console: network, then roles, instances and endpoints, then data.
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
        var made = new List<SeededResource>();
        using var ec2 = new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region });
        using var s3 = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = topology.Region, ForcePathStyle = true });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var calls = new SignedAwsCalls(http, endpoint, topology.Region, time);
        await new NetworkSeeder(ec2, made).SeedAsync(topology, cancellationToken).ConfigureAwait(false);
        await new WorkloadSeeder(ec2, calls, made).SeedAsync(topology, cancellationToken).ConfigureAwait(false);
        await new DataSeeder(s3, calls, made).SeedAsync(topology, cancellationToken).ConfigureAwait(false);
        return new SeededTopology(topology.Name, topology.Region, made);
    }
}
