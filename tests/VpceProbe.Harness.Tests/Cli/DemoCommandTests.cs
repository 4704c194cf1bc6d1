using System.Globalization;
using System.Text.Json;
using VpceProbe.Lab.Cli;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// `vpceprobe demo` end to end on the lab (root only): the walkthrough's whole matrix met through SSM, and no lab left,
/// on a port of its own and with a caller's environment that would break it if anything of it leaked into the run or
/// into the lab's instances (metadata disabled, another region, a missing profile, a dead proxy, another HOME).
/// </summary>
public class DemoCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task demo_runs_the_walkthrough_on_the_lab_with_every_expectation_met_and_takes_the_lab_down()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        _ = AgentBinary.Path; // the published agent the demo deploys: fails with how to build it when missing
        var reports = Directory.CreateTempSubdirectory("vpl-demo-").FullName;
        var home = Directory.CreateTempSubdirectory("vpl-demo-home-").FullName;
        try
        {
            var (exitCode, output) = await HarnessProcess.RunAsync(
                HostileEnvironment.For(home), "demo", "--output-dir", reports, "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), Ct));
            var cells = report.RootElement.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("cells").EnumerateArray()).ToList();
            var namespaces = await new LabSweeper(new LabNames(DemoCommand.LabName), TextWriter.Null, TimeProvider.System).NamespacesAsync(Ct);

            Assert.True(exitCode == 0, output);
            Assert.Equal(["baseline", "nat-removed", "endpoints", "cleanup"], report.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            Assert.Equal(24, cells.Count);
            Assert.All(cells, c => Assert.True(c.GetProperty("pass").GetBoolean(), c.ToString()));
            Assert.Empty(namespaces);
        }
        finally
        {
            await new LabSweeper(new LabNames(DemoCommand.LabName), TextWriter.Null, TimeProvider.System).SweepAsync(CancellationToken.None);
            Directory.Delete(reports, recursive: true);
            Directory.Delete(home, recursive: true);
        }
    }
}
