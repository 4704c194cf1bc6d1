using System.Text.Json;
using VpceProbe.Harness.Explain;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Explain;

public class CauseCatalogTests
{
    private static readonly JsonSerializerOptions Wire = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public void every_code_has_one_entry_named_as_its_json()
    {
        Assert.Equal(Enum.GetValues<CauseCode>(), CauseCatalog.All.Select(e => e.Code));
        Assert.All(CauseCatalog.All, e => Assert.Equal($"\"{e.Name}\"", JsonSerializer.Serialize(e.Code, Wire)));
    }

    [Fact]
    public void the_readme_table_is_the_catalog()
    {
        var readme = File.ReadAllText(Path.Combine(AgentBinary.RepositoryRoot(), "README.md"));

        Assert.All(CauseCatalog.All, e =>
            Assert.Contains($"| `{e.Name}` | {e.Meaning} | `{e.Fix.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal)}` |", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void a_fix_is_filled_from_the_steps_values()
    {
        Assert.Equal("aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --private-dns-enabled", CauseCatalog.Fix(CauseCode.PrivateDnsOff, ["vpce-1"]));
        Assert.Equal("aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support '{\"Value\":true}'", CauseCatalog.Fix(CauseCode.VpcDnsAttributesOff, ["vpc-1", "enable-dns-support"]));
    }
}
