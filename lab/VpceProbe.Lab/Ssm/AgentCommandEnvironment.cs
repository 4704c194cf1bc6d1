namespace VpceProbe.Lab.Ssm;

/// <summary>
/// The environment SSM Agent gives a command it runs with aws:runShellScript on EC2, and nothing else: the agent
/// runs as root under systemd and does not pass its own variables on. A command on EC2 sees only the agent's
/// few variables (aws/amazon-ssm-agent#427 lists them: PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin,
/// LANG, AWS_SSM_INSTANCE_ID, AWS_SSM_REGION_NAME, SSM_COMMAND_ID, ...). In the lab the process that started the
/// daemon has its own (AWS_*, proxies, HOME): passed on, they would decide results on the instance
/// (AWS_EC2_METADATA_DISABLED=true on the host left the agent inside without credentials), so each command
/// starts from an empty environment (`env -i`).
/// </summary>
internal static class AgentCommandEnvironment
{
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";

    /// <summary>
    /// root's home. The agent sets no HOME, but Amazon Linux's /bin/sh is bash, which then expands `~` to root's
    /// home from passwd; the lab's /bin/sh may be dash, which leaves `~` unexpanded without HOME. Setting it keeps
    /// `~` meaning /root, and /root is the instance's own directory (<see cref="DataPlane.InstanceDisk"/>).
    /// </summary>
    public const string Home = "/root";

    /// <summary>
    /// What an instance of <paramref name="architecture"/> adds: on arm64, where the lab's own tools stay x86_64,
    /// qemu (started by binfmt_misc for aarch64 programs) finds the aarch64 C library (<see cref="Lifecycle.Arm64Emulation"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForArchitecture(string architecture) =>
        architecture == Gateway.LabInstance.Arm64
            ? new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = Lifecycle.Arm64Emulation.Sysroot }
            : new Dictionary<string, string>();

    /// <summary>The command line that runs <paramref name="script"/> with /bin/sh in that environment only.</summary>
    public static IReadOnlyList<string> Wrap(string script, string instanceId, string region, string commandId, IReadOnlyDictionary<string, string>? extra = null)
    {
        List<string> command =
        [
            "env", "-i", "-C", "/",
            $"PATH={Path}", "LANG=C.UTF-8", $"HOME={Home}", "SHLVL=1",
            $"AWS_SSM_INSTANCE_ID={instanceId}", $"AWS_SSM_REGION_NAME={region}", $"SSM_COMMAND_ID={commandId}",
        ];
        command.AddRange((extra ?? new Dictionary<string, string>()).Select(v => $"{v.Key}={v.Value}"));
        command.AddRange(["/bin/sh", "-c", script]);
        return command;
    }
}
