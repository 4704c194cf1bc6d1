using System.Runtime.InteropServices;

namespace VpceProbe.Lab.DataPlane;

/// <summary>The two libc calls .NET has no API for: entering a network namespace and signalling a PID.</summary>
internal static partial class Native
{
    /// <summary>CLONE_NEWNET: setns may only switch the network namespace.</summary>
    private const int CloneNewNet = 0x40000000;

    public const int SigHup = 1;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Moves the calling thread into the namespace at /var/run/netns/NAME.</summary>
    public static void EnterNetworkNamespace(string namespaceName)
    {
        using var handle = File.OpenHandle(Path.Combine("/var/run/netns", namespaceName));
        if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new LabCommandException($"setns into {namespaceName} failed (errno {Marshal.GetLastPInvokeError()}); the lab needs root");
        }
    }

    /// <summary>Sends a signal; false when the process no longer exists.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;
}
