namespace VpceProbe.Lab.DataPlane;

/// <summary>`ip` and `nft` inside a lab namespace. Batches keep a reconcile to a few processes.</summary>
internal static class Ip
{
    public static Task<string> InAsync(string ns, string command, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "-n", ns, .. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)], cancellationToken: ct);

    /// <summary>Several `ip` commands in one process, one per line; stops at the first failure.</summary>
    public static Task BatchAsync(string ns, IEnumerable<string> commands, CancellationToken ct = default)
    {
        var script = string.Join('\n', commands);
        return script.Length == 0 ? Task.CompletedTask : Commands.MustAsync(["ip", "-n", ns, "-batch", "-"], script + "\n", ct);
    }

    public static Task NftAsync(string ns, string script, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "netns", "exec", ns, "nft", "-f", "-"], script, ct);

    public static Task SysctlAsync(string ns, string setting, CancellationToken ct = default) =>
        Commands.MustAsync(["ip", "netns", "exec", ns, "sysctl", "-qw", setting], cancellationToken: ct);

    public static async Task AddNamespaceAsync(string ns, CancellationToken ct = default)
    {
        await Commands.MustAsync(["ip", "netns", "add", ns], cancellationToken: ct).ConfigureAwait(false);
        await InAsync(ns, "link set lo up", ct).ConfigureAwait(false);
    }
}
