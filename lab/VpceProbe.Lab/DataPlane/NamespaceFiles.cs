namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// /etc/netns/NS/: `ip netns exec` bind-mounts these over /etc, so an instance namespace resolves through the
/// VPC resolver, has an /etc/hosts of its own (as an EC2 image's: localhost only, never the host's entries) and
/// trusts the lab CA, while the host's own /etc stays untouched.
/// </summary>
internal static class NamespaceFiles
{
    private const string Root = "/etc/netns";
    private static readonly Lock SharedSslLock = new();

    /// <summary>Amazon Linux 2023's /etc/hosts: names of the instance itself come from the VPC resolver.</summary>
    private const string Hosts = "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost6 localhost6.localdomain6\n";

    /// <summary>
    /// resolv.conf and hosts of its own, and ssl as a link to one trust store per lab (<paramref name="sharedSsl"/>, made on first
    /// use): `ip netns exec` bind-mounts what the link points to, and 50 instances do not each copy and delete /etc/ssl.
    /// </summary>
    public static void Write(string ns, string resolverAddress, string caPem, string sharedSsl)
    {
        var directory = Path.Combine(Root, ns);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "resolv.conf"), $"nameserver {resolverAddress}\nsearch ec2.internal\n");
        File.WriteAllText(Path.Combine(directory, "hosts"), Hosts);
        lock (SharedSslLock)
        {
            if (!Directory.Exists(sharedSsl))
            {
                var staging = sharedSsl + ".new";
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }

                CopyTree("/etc/ssl", staging);
                // Never append through a link: that would change the host's own bundle.
                var bundle = Path.Combine(staging, "certs", "ca-certificates.crt");
                var system = File.Exists(bundle) ? File.ReadAllText(bundle) : "";
                File.Delete(bundle);
                File.WriteAllText(bundle, system + "\n" + caPem);
                Directory.Move(staging, sharedSsl);
            }
        }

        var ssl = Path.Combine(directory, "ssl");
        if (!Path.Exists(ssl))
        {
            File.CreateSymbolicLink(ssl, sharedSsl);
        }
    }

    /// <summary>Removes the namespace's entry; the ssl link goes, not the shared store it points to.</summary>
    public static void Remove(string ns)
    {
        var directory = Path.Combine(Root, ns);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Every /etc/netns entry with the lab's prefix (for `lab down` after a crash).</summary>
    public static IEnumerable<string> WithPrefix(string prefix) =>
        Directory.Exists(Root) ? Directory.GetDirectories(Root, prefix + "*").Select(Path.GetFileName).OfType<string>() : [];

    /// <summary>Copies a tree keeping symlinks as links (the hashed names in /etc/ssl/certs point into /usr/share).</summary>
    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(destination, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, destination);
            }
            else if (entry is FileInfo { Exists: true } file && HasReadAccess(file))
            {
                file.CopyTo(destination);
            }
        }
    }

    private static bool HasReadAccess(FileInfo file) => !file.FullName.Contains("/private/", StringComparison.Ordinal);
}
