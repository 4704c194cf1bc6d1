using System.Text.Json;
using System.Text.RegularExpressions;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>The twin: a topology file made from a discover snapshot, and the report of what it could not express.</summary>
internal sealed record TwinResult(LabTopology Topology, TwinReport Report);

/// <summary>
/// `vpceprobe lab topology --from-snapshot`: a `discover --json` snapshot → a schema-2 topology a person can read and
/// edit. Every resource keeps its real id (sourceId) and tags; names come from Name tags. What a topology cannot say
/// is reported (<see cref="TwinReport"/>), never dropped silently. The lab-only parts (the internet's addresses, the
/// role's policy) are the walkthrough's.
/// </summary>
internal static partial class TwinConverter
{
    /// <summary>Larger snapshots are refused before parsing (a VPC of a thousand instances is a few MB).</summary>
    public const int MaxSnapshotBytes = 32 * 1024 * 1024;

    /// <exception cref="TwinException">Not a discover snapshot, or one of a version this build does not read.</exception>
    public static SnapshotDocument Parse(string json)
    {
        SnapshotDocument? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<SnapshotDocument>(json, SnapshotDocument.Json);
        }
        catch (JsonException e)
        {
            throw new TwinException($"not a `vpceprobe discover --json` snapshot: {e.Message}");
        }

        if (snapshot is null || string.IsNullOrEmpty(snapshot.VpcId) || string.IsNullOrEmpty(snapshot.Region))
        {
            throw new TwinException("not a `vpceprobe discover --json` snapshot: it has no vpcId or region");
        }

        if (snapshot.SchemaVersion != SnapshotDocument.KnownSchemaVersion)
        {
            throw new TwinException(
                $"snapshot schemaVersion {snapshot.SchemaVersion}: this vpceprobe reads version {SnapshotDocument.KnownSchemaVersion} (take the snapshot again with this vpceprobe's discover --json)");
        }

        return snapshot;
    }

    public static TwinResult Convert(SnapshotDocument snapshot, TwinOptions options)
    {
        var cidrs = snapshot.Cidrs.Select(c => (Text: c, Block: NetworkTwin.IPv4Block(c))).ToList();
        var primary = cidrs.FirstOrDefault(c => c.Block is not null);
        if (primary.Block is not { } vpcCidr)
        {
            throw new TwinException($"{snapshot.VpcId} has no IPv4 block in the snapshot");
        }

        var scope = new TwinScope(snapshot, vpcCidr);
        foreach (var other in cidrs.Where(c => c.Text != primary.Text))
        {
            scope.Report.Leave(snapshot.VpcId, $"block {other.Text}", other.Block is null ? "the twin has no IPv6" : "a topology's VPC has one block");
        }

        var walkthrough = LabTopology.Load("walkthrough");
        var internetGateway = NetworkTwin.InternetGateway(scope);
        var subnets = NetworkTwin.KeptSubnets(scope);
        NetworkTwin.NameSubnets(scope, subnets);
        RouteTwin.NameTables(scope);
        var (acls, aclOfSubnet) = NetworkTwin.NetworkAcls(scope);
        var natGateways = NetworkTwin.NatGateways(scope);
        SecurityGroupTwin.Name(scope);
        var selection = InstanceTwin.Select(scope, subnets, options.MaxInstances);
        var instances = selection.Instances.Select(i => InstanceTwin.Instance(scope, i)).ToList();
        NoteUnknownAgents(scope, selection.Instances);

        var topology = new LabTopology
        {
            SchemaVersion = LabTopology.CurrentSchemaVersion,
            Name = options.Name ?? TopologyName(snapshot),
            // No quotes or backticks: the file's JSON writer escapes them, which reads badly.
            Description = $"Twin of {snapshot.VpcId} ({snapshot.Region}) made by vpceprobe lab topology --from-snapshot. sourceId: the real id of each resource.",
            Region = snapshot.Region,
            Vpc = new VpcSpec
            {
                Name = snapshot.Tags.GetValueOrDefault("Name") is { Length: > 0 } name ? name : snapshot.VpcId,
                Cidr = vpcCidr.ToString(),
                EnableDnsSupport = snapshot.EnableDnsSupport,
                EnableDnsHostnames = snapshot.EnableDnsHostnames,
                SourceId = snapshot.VpcId,
                Tags = scope.Tags(snapshot.VpcId, snapshot.Tags),
            },
            InternetGateway = internetGateway,
            Subnets = [.. subnets.Select(s => NetworkTwin.Subnet(scope, s, aclOfSubnet))],
            NatGateways = natGateways,
            NatInstances = [.. selection.NatInstances.Select(i => InstanceTwin.NatInstance(scope, i))],
            RouteTables = RouteTwin.Tables(scope),
            NetworkAcls = acls,
            SecurityGroups = SecurityGroupTwin.Groups(scope),
            Roles = InstanceTwin.Roles(instances, walkthrough.Roles[0].Policy),
            Instances = instances,
            Endpoints = EndpointTwin.Endpoints(scope, walkthrough.Internet),
            Buckets = [.. (options.Buckets ?? []).Select(b => new BucketSpec { Name = b })],
            Secrets = [.. (options.SecretIds ?? []).Select(s => new SecretSpec { Name = s, Value = PlaceholderSecret })],
            Internet = walkthrough.Internet,
        };
        return new TwinResult(topology, scope.Report);
    }

    /// <summary>A secret needs a value; a snapshot never holds one, so `--secret-id` makes one with this lab-only text.</summary>
    public const string PlaceholderSecret = "lab-only-placeholder";

    private static void NoteUnknownAgents(TwinScope scope, IReadOnlyList<SnapshotInstance> instances)
    {
        var unknown = instances.Where(i => InstanceTwin.KnownAgentVersion(i) is null).Select(i => i.Id).ToList();
        if (unknown.Count > 0)
        {
            scope.Report.Note(scope.Snapshot.VpcId,
                $"SSM agent version unknown (SSM did not answer or does not manage them) for {unknown.Count} instance(s), {InstanceSpec.DefaultSsmAgentVersion} in the twin: {string.Join(", ", unknown)}");
        }
    }

    // A topology's name is 1-64 of [A-Za-z0-9._-]: the VPC's Name tag with anything else turned into '-', else its id.
    private static string TopologyName(SnapshotDocument snapshot)
    {
        var name = snapshot.Tags.GetValueOrDefault("Name") is { } tag ? NotAllowed().Replace(tag.Trim(), "-").Trim('-') : "";
        name = name.Length > 64 ? name[..64] : name;
        return name.Length > 0 ? name : snapshot.VpcId;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex NotAllowed();
}
