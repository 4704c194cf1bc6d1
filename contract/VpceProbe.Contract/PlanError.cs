namespace VpceProbe.Contract;

/// <summary>
/// A problem with a plan, located by a JSON-path-like field name ("probes[2].port"), and by line and column
/// (1-based) when the text itself is at fault (not JSON, not UTF-8).
/// </summary>
public sealed record PlanError(string Field, string Message, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{Line}:{Column}: {Message}" : $"{Field}: {Message}";

    /// <summary>The message as a compiler would print it: "plan.json:3:14: …", "plan.json: probes[0].port: …", or "stdin: …" for the text as a whole.</summary>
    public string In(string source) => (Line, Field) switch
    {
        ( > 0, _) => $"{source}:{Line}:{Column}: {Message}",
        (_, "$" or "-") => $"{source}: {Message}",
        _ => $"{source}: {Field}: {Message}",
    };
}
