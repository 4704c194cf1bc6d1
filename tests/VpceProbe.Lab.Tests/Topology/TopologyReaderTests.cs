using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.Topology;

public class TopologyReaderTests
{
    [Fact]
    public void every_built_in_topology_is_valid_and_named_like_its_file()
    {
        Assert.Contains("walkthrough", TopologyReader.BuiltIn);
        foreach (var name in TopologyReader.BuiltIn)
        {
            var read = TopologyReader.Read(name);
            Assert.True(read.IsValid, $"{name}: {string.Join("\n", read.Errors)}");
            Assert.Equal(name, read.Topology!.Name);
        }
    }

    [Fact]
    public void a_path_to_a_file_is_read_and_validated()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vpceprobe-topology-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, TopologyDocuments.Valid);
        try
        {
            var read = TopologyReader.Read(file);

            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            Assert.Equal(["app", "worker-1", "worker-2", "worker-3"], read.Topology!.InstanceNames());
            Assert.Equal(file, read.Origin);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void neither_a_built_in_name_nor_a_file_says_both()
    {
        var read = TopologyReader.Read("no-such-topology");

        var error = Assert.Single(read.Errors);
        Assert.Equal($"$: no built-in topology 'no-such-topology' (built-in: {string.Join(", ", TopologyReader.BuiltIn)}) and no such file", error.ToString());
    }

    [Fact]
    public void defaults_are_aws_defaults()
    {
        var topology = TopologyReader.Parse(TopologyDocuments.Valid, "test").Topology!;

        var app = topology.Instances[0];
        Assert.Equal(("x86_64", "3.3.1142.0", "t3.micro", "al2023-ami-2023*-x86_64"), (app.Architecture, app.SsmAgentVersion, app.EffectiveInstanceType, app.EffectiveImageNamePattern));
        Assert.Equal(("t4g.micro", "al2023-ami-2023*-arm64"), (topology.Instances[1].EffectiveInstanceType, topology.Instances[1].EffectiveImageNamePattern));
        Assert.Null(topology.SecurityGroups[1].Egress);
        Assert.Null(topology.Subnets[2].RouteTable);
        Assert.Null(topology.Endpoints[1].PrivateDns);
    }

    [Fact]
    public void a_serialized_topology_reads_back_equal_in_content()
    {
        var topology = TopologyReader.Parse(TopologyDocuments.Valid, "test").Topology!;

        var again = TopologyReader.Parse(TopologyReader.Serialize(topology), "again");

        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Equal(TopologyReader.Serialize(topology), TopologyReader.Serialize(again.Topology!));
    }

    [Fact]
    public void a_serialized_topology_keeps_quotes_and_angle_brackets_readable()
    {
        var topology = TopologyReader.Parse(TopologyDocuments.Valid, "test").Topology! with { Description = "Bob's <prod> VPC & \"friends\"" };

        var file = TopologyReader.Serialize(topology);

        Assert.Contains("\"description\": \"Bob's <prod> VPC & \\\"friends\\\"\"", file, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", file, StringComparison.Ordinal);
        Assert.Equal(topology.Description, TopologyReader.Parse(file, "again").Topology!.Description);
    }

    [Fact]
    public void a_file_that_is_not_utf8_is_refused_at_the_byte_not_read_as_u_fffd()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("topology-").FullName, "latin1.json");
        File.WriteAllBytes(file, [.. "{\n  \"name\": \"caf"u8, 0xE9, .. "\"}"u8]);

        var read = TopologyReader.Read(file);

        Assert.Null(read.Topology);
        Assert.Equal("$: 2:15: byte 0xE9 is not UTF-8; save the file as UTF-8", Assert.Single(read.Errors).ToString());
    }
}
