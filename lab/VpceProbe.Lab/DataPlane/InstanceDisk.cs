namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// A lab instance's own /var/lib. Instance namespaces share the host's filesystem, so what a command
/// writes there (the agent the harness installs under /var/lib/vpceprobe) would outlive `lab down` and
/// be "already installed" on the next lab's fresh instance. Each command runs instead with an overlay on
/// /var/lib whose writes land in the lab's state directory, which `lab down` removes. `ip netns exec`
/// already gives the command a private mount namespace (slave propagation), so the overlay never
/// reaches the host's mount table.
/// </summary>
internal static class InstanceDisk
{
    // $1 upper, $2 work; the rest is the command. No shell expansion of the command itself.
    private const string MountThenExec =
        "mount -t overlay vpceprobe-lab-disk -o lowerdir=/var/lib,upperdir=\"$1\",workdir=\"$2\" /var/lib && shift 2 && exec \"$@\"";

    /// <summary>The command wrapped so that it sees the instance's own /var/lib.</summary>
    public static IReadOnlyList<string> Wrap(LabNames names, string namespaceName, IReadOnlyList<string> command)
    {
        var root = Path.Combine(names.StateDirectory, "disks", namespaceName);
        var upper = Path.Combine(root, "upper");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(work);
        return ["/bin/sh", "-c", MountThenExec, "sh", upper, work, .. command];
    }

    public static bool IsInstance(LabNames names, string namespaceName) =>
        namespaceName.StartsWith(names.Prefix + "i-", StringComparison.Ordinal);
}
