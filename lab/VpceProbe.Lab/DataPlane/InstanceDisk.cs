namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// A lab instance's own /var/lib and /root. Instance namespaces share the host's filesystem, so what a command
/// writes there (the agent the harness installs under /var/lib/vpceprobe) would outlive `lab down` and
/// be "already installed" on the next lab's fresh instance. Each command runs instead with an overlay on
/// /var/lib whose writes land in the lab's state directory, which `lab down` removes. `ip netns exec`
/// already gives the command a private mount namespace (slave propagation), so the overlay never
/// reaches the host's mount table. /root (the home of the root user commands run as) is the instance's own,
/// empty at first, directory bound over the host's: the host's ~/.aws, shell history or keys never reach an
/// instance, and what a command leaves in ~ stays on that instance only.
/// </summary>
internal static class InstanceDisk
{
    // $1 upper, $2 work, $3 the instance's /root; the rest is the command. No shell expansion of the command itself.
    private const string MountThenExec =
        "mount -t overlay vpceprobe-lab-disk -o lowerdir=/var/lib,upperdir=\"$1\",workdir=\"$2\" /var/lib"
        + " && mount --bind \"$3\" /root && shift 3 && exec \"$@\"";

    /// <summary>The command wrapped so that it sees the instance's own /var/lib.</summary>
    public static IReadOnlyList<string> Wrap(LabNames names, string namespaceName, IReadOnlyList<string> command)
    {
        var root = Path.Combine(names.StateDirectory, "disks", namespaceName);
        var upper = Path.Combine(root, "upper");
        var work = Path.Combine(root, "work");
        var home = Path.Combine(root, "root");
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // as root's home on an image
        }

        return ["/bin/sh", "-c", MountThenExec, "sh", upper, work, home, .. command];
    }

    public static bool IsInstance(LabNames names, string namespaceName) =>
        namespaceName.StartsWith(names.Prefix + "i-", StringComparison.Ordinal);
}
