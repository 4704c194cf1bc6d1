namespace VpceProbe.Contract;

/// <summary>Environment variables the harness sets for an agent it starts itself (the local transport).</summary>
public static class AgentVariables
{
    /// <summary>The harness's process id: the agent exits when its parent is no longer that process (the harness was killed).</summary>
    public const string ParentPid = "VPCEPROBE_AGENT_PARENT_PID";
}
