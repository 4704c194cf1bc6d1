namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// /etc/netns/NS/: `ip netns exec` bind-mounts these over /etc, so an instance namespace resolves through the
/// VPC resolver, has an /etc/hosts of its own (as an EC2 image's: localhost only, never the host's entries) and
/// trusts the lab CA, while the host's own /etc stays untouched.
/// </summary>
internal static class NamespaceFiles
{
    private const string Root = "/etc/netns";

    /// <summary>Amazon Linux 2023's /etc/hosts: names of the instance itself come from the VPC resolver.</summary>
    private const string Hosts = "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost6 localhost6.localdomain6\n";

    public static void Write(string ns, string resolverAddress, string caPem)
    {
        var directory = Path.Combine(Root, ns);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "resolv.conf"), $"nameserver {resolverAddress}\nsearch ec2.internal\n");
        File.WriteAllText(Path.Combine(directory, "hosts"), Hosts);
        var ssl = Path.Combine(directory, "ssl");
        if (!Directory.Exists(ssl))
        {
            CopyTree("/etc/ssl", ssl);
            // Never append through a link: that would change the host's own bundle.
            var bundle = Path.Combine(ssl, "certs", "ca-certificates.crt");
            var system = File.Exists(bundle) ? File.ReadAllText(bundle) : "";
            File.Delete(bundle);
            File.WriteAllText(bundle, system + "\n" + caPem);
        }
    }

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
