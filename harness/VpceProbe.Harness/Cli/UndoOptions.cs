using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Changes.Undo;

namespace VpceProbe.Harness.Cli;

/// <summary>--undo-retry-for, taken by `run` and `rollback`: how long undo rides out throttling, 5xx and lost connections.</summary>
internal sealed class UndoOptions
{
    public Option<string> RetryFor { get; } = new("--undo-retry-for")
    {
        Description = $"How long undo retries throttling, 5xx and connection errors before it leaves a change for a later rollback (default {Duration.Format(UndoRetry.DefaultBound)}; e.g. 30s, 10m).",
        DefaultValueFactory = _ => "5m",
    };

    public UndoOptions() => OptionChecks.Duration(RetryFor);

    public void AddTo(Command command) => command.Options.Add(RetryFor);

    public TimeSpan Bound(ParseResult parse) =>
        Duration.TryParse(parse.GetValue(RetryFor), out var bound) && bound > TimeSpan.Zero
            ? bound
            : throw new UsageException($"--undo-retry-for '{parse.GetValue(RetryFor)}' is not a duration; give e.g. 30s, 5m or 1h.");
}
