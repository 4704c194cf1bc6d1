using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Lifecycle;

/// <summary>`lab up` never half-starts (root only): when the daemon fails midway, what it made is removed.</summary>
public class LabLauncherTests
{
    private static string CommandLine(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return ""; // the process ended while we looked
        }
    }

    [Fact]
    public async Task when_the_gateway_port_is_taken_up_fails_and_leaves_no_namespace_state_or_process()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        // The daemon builds the fabric and starts moto before the gateway fails to bind.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var names = new LabNames($"f{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}");
        var log = new StringWriter();
        var sweeper = new LabSweeper(names, log, TimeProvider.System);
        try
        {
            var failure = await Assert.ThrowsAsync<LabCommandException>(() =>
                new LabLauncher(names, LabBinary.Command(), TimeProvider.System, log).UpAsync("walkthrough", new Uri($"http://127.0.0.1:{port}"), TestContext.Current.CancellationToken));

            Assert.Contains("did not become ready", failure.Message, StringComparison.Ordinal);
            Assert.Empty(await sweeper.NamespacesAsync(TestContext.Current.CancellationToken));
            Assert.Empty(NamespaceFiles.WithPrefix(names.Prefix));
            Assert.False(Directory.Exists(names.StateDirectory));
            Assert.DoesNotContain(Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)), d => CommandLine(d).Contains($"serve --name {names.Lab}", StringComparison.Ordinal));
        }
        finally
        {
            await sweeper.SweepAsync(CancellationToken.None);
        }
    }
}
