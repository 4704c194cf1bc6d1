namespace VpceProbe.Contract;

/// <summary>
/// A problem with a plan, located by a JSON-path-like field name ("probes[2].port"), and by line and column
/// (1-based) when the text itself is at fault (not JSON, not UTF-8).
/// </summary>
public sealed record PlanError(string Field, string Message, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{Line}:{Column}: {Message}" : $"{Field}: {Message}";
}
