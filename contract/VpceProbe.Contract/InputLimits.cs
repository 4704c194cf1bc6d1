namespace VpceProbe.Contract;

/// <summary>
/// Bounds on what the agent and the harness accept, each far above any real plan or scenario, so a hostile or
/// runaway input is refused with a message instead of exhausting memory, the stack or the SSM command size.
/// </summary>
public static class InputLimits
{
    /// <summary>A plan or scenario file: 1 MB. Real ones are a few KB.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxProbes = 500;

    public const int MaxIdLength = 64;

    /// <summary>Nesting of JSON or YAML: the plan and the scenario need four levels; 32 leaves room and keeps recursive readers off the stack's end.</summary>
    public const int MaxDepth = 32;
}
