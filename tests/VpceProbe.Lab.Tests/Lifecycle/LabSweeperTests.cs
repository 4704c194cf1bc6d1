using System.Globalization;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Lifecycle;

/// <summary>
/// `lab down` on a lab of its own (not the shared one): containment while it runs, and nothing left after a
/// crash of its daemon. Root only.
/// </summary>
public class LabSweeperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> HostAsync(params string[] command) =>
        (await Commands.RunAsync(command, null, TimeSpan.FromSeconds(10), Ct)).StandardOutput;

    [Fact]
    public async Task after_the_daemon_crashes_down_leaves_no_namespace_file_or_process_and_a_second_down_finds_nothing()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        var names = new LabNames($"d{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}");
        var log = new StringWriter();
        var sweeper = new LabSweeper(names, log, TimeProvider.System);
        try
        {
            var record = await new LabLauncher(names, LabBinary.Command(), TimeProvider.System, log)
                .UpAsync("walkthrough", new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}"), Ct);
            var namespaces = await sweeper.NamespacesAsync(Ct);
            var resolver = (await HostAsync("ip", "netns", "pids", names.Router)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
            var hostLinks = await HostAsync("ip", "-o", "link");

            // Containment: no lab link has an end in the host namespace.
            Assert.DoesNotContain(names.Prefix, hostLinks, StringComparison.Ordinal);
            Assert.Equal(4, namespaces.Count); // router, NAT, internet, the instance
            Assert.NotEmpty(resolver);
            Assert.NotEmpty(NamespaceFiles.WithPrefix(names.Prefix));

            Native.Signal(record.DaemonPid!.Value, Native.SigKill);
            var removed = await sweeper.SweepAsync(Ct);
            var again = await sweeper.SweepAsync(Ct);

            Assert.Contains($"moto pid {record.MotoPid}", removed);
            Assert.Empty(await sweeper.NamespacesAsync(Ct));
            Assert.Empty(NamespaceFiles.WithPrefix(names.Prefix));
            Assert.False(Directory.Exists(names.StateDirectory));
            Assert.All(resolver.Append(record.DaemonPid.Value).Append(record.MotoPid!.Value), pid => Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"pid {pid} still runs"));
            Assert.DoesNotContain("vpl", await HostAsync("nft", "list", "tables"), StringComparison.Ordinal);
            Assert.Empty(again);
        }
        finally
        {
            await sweeper.SweepAsync(CancellationToken.None);
        }
    }
}
