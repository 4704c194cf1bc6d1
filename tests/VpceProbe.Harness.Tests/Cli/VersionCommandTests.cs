using System.CommandLine;
using VpceProbe.Harness.Cli;

namespace VpceProbe.Harness.Tests.Cli;

public class VersionCommandTests
{
    [Fact]
    public async Task version_names_the_schema_versions()
    {
        var output = new StringWriter();
        var config = new InvocationConfiguration { Output = output };
        var code = await CommandCatalog.BuildRoot().Parse(["version"]).InvokeAsync(config, TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        Assert.Contains("plan schema 1", output.ToString(), StringComparison.Ordinal);
    }
}
