using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using VpceProbe.Harness.Cli;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>`vpceprobe demo` end to end on the lab (root only): the walkthrough's whole matrix met through SSM, and no lab left.</summary>
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

        if (PortInUse(4566))
        {
            Assert.Skip("the demo's lab listens on 127.0.0.1:4566, which is in use here (another lab or LocalStack)");
        }

        _ = AgentBinary.Path; // the published agent the demo deploys: fails with how to build it when missing
        var reports = Directory.CreateTempSubdirectory("vpl-demo-").FullName;
        try
        {
            var (exitCode, output) = await RunHarnessAsync("demo", "--output-dir", reports);
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
        }
    }

    private static bool PortInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>The harness as a user runs it (its own process: the lab daemon is started from it), from the repository root.</summary>
    private static async Task<(int ExitCode, string Output)> RunHarnessAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AgentBinary.RepositoryRoot() };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
