namespace VpceProbe.Harness.Scenario;

/// <summary>One thing wrong with a scenario, located (1-based line and column; 0 when unknown) so the user can go straight to it.</summary>
internal sealed record ScenarioError(string File, int Line, string Message, int Column = 0)
{
    public ScenarioError(string file, SourcePosition at, string message)
        : this(file, at.Line, message, at.Column)
    {
    }

    public override string ToString() => (Line, Column) switch
    {
        ( > 0, > 0) => $"{File}:{Line}:{Column}: {Message}",
        ( > 0, _) => $"{File}:{Line}: {Message}",
        _ => $"{File}: {Message}",
    };
}

/// <summary>Where something was written in a scenario file (1-based); <see cref="None"/> for built-in scenarios.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition None = new(0, 0);
}

/// <summary>A scenario that cannot run (exit code 2). Thrown before anything is changed.</summary>
internal sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>Each error once, in file order: the same mistake found by two checks is one message.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = [.. errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
