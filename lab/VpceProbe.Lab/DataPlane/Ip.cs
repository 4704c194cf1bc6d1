namespace VpceProbe.Lab.DataPlane;

/// <summary>`ip` and `nft` inside a lab namespace. Batches keep a reconcile to a few processes.</summary>
internal static class Ip
{
    public static Task<string> InAsync(string ns, string command, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "-n", ns, .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)], cancellationToken: ct);

    /// <summary>Several `ip` commands in one process, one per line; stops at the first failure.</summary>
    public static Task BatchAsync(string ns, IEnumerable<string> commands, CancellationToken ct = default) =>
        CommandBatchAsync(["ip", "-n", ns, "-batch", "-"], commands, ct);

    public static Task NftAsync(string ns, string script, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "netns", "exec", ns, "nft", "-f", "-"], script, ct);

    public static Task SysctlAsync(string ns, IEnumerable<string> settings, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "netns", "exec", ns, "sysctl", "-qw", .. settings], cancellationToken: ct);

    /// <summary>Namespaces in one `ip -batch` (loopback is brought up by whoever configures each namespace).</summary>
    public static Task AddNamespacesAsync(IEnumerable<string> namespaces, CancellationToken ct = default) =>
        CommandBatchAsync(["ip", "-batch", "-"], namespaces.Select(ns => $"netns add {ns}"), ct);

    /// <summary>
    /// Undoing in one `ip -force -batch` that goes on past errors and never throws: for removals whose target may
    /// already be gone (a namespace deleted with its links, a half-made attachment) and for cleaning up after a failure.
    /// </summary>
    public static async Task BestEffortAsync(string? ns, IEnumerable<string> commands)
    {
        var script = string.Join('\n', commands);
        if (script.Length > 0)
        {
            await Commands.RunAsync(ns is null ? ["ip", "-force", "-batch", "-"] : ["ip", "-n", ns, "-force", "-batch", "-"], script + "\n", TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A tool that reads commands on stdin (`ip -batch -`), one process for all of them.</summary>
    public static Task CommandBatchAsync(IReadOnlyList<string> command, IEnumerable<string> lines, CancellationToken ct)
    {
        var script = string.Join('\n', lines);
        return script.Length == 0 ? Task.CompletedTask : Commands.MustAsync(command, script + "\n", ct);
    }
}
