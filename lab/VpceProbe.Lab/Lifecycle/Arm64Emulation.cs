namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// arm64 lab instances run arm64 programs (the linux-arm64 agent build) under qemu user-mode emulation: the
/// kernel's binfmt_misc hands an aarch64 ELF to Debian's qemu-user-static, which loads it with the aarch64 C
/// library of libc6-arm64-cross and the aarch64 OpenSSL of libssl3:arm64 (QEMU_LD_PREFIX, set in an arm64
/// instance's command environment). What is missing is said before anything is made; <see cref="EnsureAsync"/>
/// mounts binfmt_misc and registers qemu's aarch64 entry (from the package's /usr/lib/binfmt.d file) where the
/// package could not (containers).
/// </summary>
internal static class Arm64Emulation
{
    /// <summary>Where libc6-arm64-cross installs the aarch64 loader and C library.</summary>
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    private const string BinfmtDirectory = "/proc/sys/fs/binfmt_misc";
    private const string Registration = "/usr/lib/binfmt.d/qemu-aarch64.conf";
    private const string Packages = "qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross (scripts/install-deps.sh installs them)";

    private static readonly string[] OpenSslLibraries = ["libssl.so.3", "libcrypto.so.3"];

    /// <summary>Why arm64 instances cannot run here, or null when they can (possibly after <see cref="EnsureAsync"/>).</summary>
    public static string? Problem()
    {
        if (!File.Exists(Registration) || !File.Exists("/usr/bin/qemu-aarch64-static"))
        {
            return $"arm64 instances need qemu user-mode emulation, which is not installed: Debian packages {Packages}";
        }

        if (!File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")))
        {
            return $"arm64 instances need the aarch64 C library under {Sysroot}, which is missing: Debian packages {Packages}";
        }

        // TLS from an arm64 program loads the aarch64 OpenSSL from the same prefix; no cross package carries it.
        if (OpenSslLibraries.FirstOrDefault(l => !File.Exists(Path.Combine(Sysroot, "lib", l))) is { } noSsl)
        {
            return $"arm64 instances need the aarch64 OpenSSL ({noSsl} of Debian's libssl3:arm64) under {Sysroot}/lib, which is missing: scripts/install-deps.sh fetches and extracts it there";
        }

        if (!Directory.Exists(BinfmtDirectory))
        {
            return "arm64 instances need the kernel's binfmt_misc (CONFIG_BINFMT_MISC), which this kernel lacks";
        }

        return Registered() || Environment.IsPrivilegedProcess
            ? null
            : "arm64 instances need qemu's aarch64 entry in binfmt_misc, and registering it takes root";
    }

    /// <summary>Mounts binfmt_misc and registers qemu-aarch64 when they are not yet; a no-op when they are.</summary>
    /// <exception cref="DataPlane.LabCommandException">The mount or the registration failed.</exception>
    public static async Task EnsureAsync(CancellationToken ct)
    {
        if (Registered())
        {
            return;
        }

        if (!File.Exists(Path.Combine(BinfmtDirectory, "register")))
        {
            await DataPlane.Commands.MustAsync(["mount", "-t", "binfmt_misc", "binfmt_misc", BinfmtDirectory], cancellationToken: ct).ConfigureAwait(false);
        }

        try
        {
            await File.WriteAllTextAsync(Path.Combine(BinfmtDirectory, "register"), (await File.ReadAllTextAsync(Registration, ct).ConfigureAwait(false)).Trim(), ct)
                .ConfigureAwait(false);
        }
        catch (IOException) when (Registered())
        {
            // Another lab registered it at the same moment ("File exists"): that is all we wanted.
        }
    }

    private static bool Registered() => File.Exists(Path.Combine(BinfmtDirectory, "qemu-aarch64"));
}
