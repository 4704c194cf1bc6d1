namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Sets network sysctls of a namespace without a process: /proc/sys/net belongs to the network namespace of the
/// thread that opens it, so a thread inside the namespace writes them (as CNI plugins do).
/// </summary>
internal static class NamespaceSysctl
{
    public static void Write(string ns, IEnumerable<string> settings) => InNamespace.Run(ns, () =>
    {
        foreach (var setting in settings)
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            File.WriteAllText(Path.Combine("/proc/sys", key.Replace('.', '/')), value);
        }

        return true;
    });
}
