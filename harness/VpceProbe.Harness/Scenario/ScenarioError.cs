namespace VpceProbe.Harness.Scenario;

/// <summary>One thing wrong with a scenario, located so the user can go straight to it.</summary>
public sealed record ScenarioError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>A scenario that cannot run (exit code 2). Thrown before anything is changed.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
