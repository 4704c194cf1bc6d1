namespace VpceProbe.Contract;

/// <summary>A problem with a plan, located by a JSON-path-like field name ("probes[2].port").</summary>
public sealed record PlanError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
