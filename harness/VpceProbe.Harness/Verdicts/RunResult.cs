using System.Text.Json.Serialization;
using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Verdicts;

/// <summary>Everything a run produced: the phase × probe × instance matrix and the changes made. Report writers read only this.</summary>
internal sealed record RunResult
{
    public required string RunId { get; init; }

    public required string Scenario { get; init; }

    public required string VpcId { get; init; }

    /// <summary>"aws", "lab", "moto", "localstack": where the run happened, as far as the harness can tell.</summary>
    public string? Backend { get; init; }

    public string? Transport { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    public IReadOnlyList<PhaseResult> Phases { get; init; } = [];

    public IReadOnlyList<ChangeRecord> Changes { get; init; } = [];

    /// <summary>A dry run's predicted matrix: every phase's cells as the VPC would be after its changes (null for a real run).</summary>
    public IReadOnlyList<Explain.PredictedCell>? Predicted { get; init; }

    /// <summary>0..4, see <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; init; }

    /// <summary>Null when nothing was left behind; otherwise what rollback could not undo, and the command to finish.</summary>
    public string? LeftBehind { get; init; }

    /// <summary>Null when the run ended with a verdict on every check; otherwise why not (interrupted, AWS error, rollback incomplete…).</summary>
    public RunError? Error { get; init; }

    /// <summary>Null when nothing was kept; otherwise what cleanup with keep: true left in place, on purpose.</summary>
    public IReadOnlyList<string>? Kept { get; init; }

    /// <summary>False for a dry run and a run refused before any change: its reports must never replace a real run's.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Changed { get; init; }

    /// <summary>Each instance's subnet and Name tag, so a later --compare can match an instance that was replaced; null when unknown.</summary>
    public IReadOnlyList<InstanceIdentity>? Instances { get; init; }

    /// <summary>The matrix compared cell by cell with a saved one (--compare); null without --compare.</summary>
    public Compare.MatrixComparison? Comparison { get; init; }

    /// <summary>The VPC as described before the first change: the HTML report draws each phase from it.</summary>
    [JsonIgnore]
    public VpcSnapshot? Vpc { get; init; }

    /// <summary>The VPC as described after cleanup (the verification's view of it).</summary>
    [JsonIgnore]
    public VpcSnapshot? VpcAfter { get; init; }

    /// <summary>The phases' timing added up (each phase has its own); null when no phase was measured.</summary>
    public Timing.PhaseTiming? Timing { get; init; }

    public bool Pass => ExitCode == ExitCodes.Success;
}

internal sealed record PhaseResult(string Name, IReadOnlyList<string> Actions, IReadOnlyList<MatrixCell> Cells, IReadOnlyList<AgentRun> Runs)
{
    /// <summary>From the start of the phase's actions to its last agent report; null when not measured.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Where the phase's time went (<see cref="Timing.PhaseTiming"/>); null when not measured.</summary>
    public Timing.PhaseTiming? Timing { get; init; }

    /// <summary>
    /// The VPC as described right after this phase's actions (what its probes ran against); null when the phase
    /// changed nothing, so the previous phase's picture holds.
    /// </summary>
    [JsonIgnore]
    public VpcSnapshot? Vpc { get; init; }

    public bool Pass => Cells.All(c => c.Pass) && Runs.All(r => r.Status == AgentRunStatus.Completed);
}

/// <summary>One probe on one instance in one phase: expected against observed.</summary>
/// <param name="Reason">Why the probe is there, when it was derived from the VPC (`accept`); null for probes written by hand.</param>
internal sealed record MatrixCell(
    string Phase, string ProbeId, string InstanceId, string Kind, string Target, string Expected,
    Outcome? Observed, FailureKind? FailureKind, bool Pass, string? Detail, long DurationMs, string? Reason = null)
{
    /// <summary>What the VPC's configuration predicted for the cell, with its path (Explain/); null when not predicted.</summary>
    public Explain.Prediction? Prediction { get; init; }

    /// <summary>Why a failed or unexpected cell came out so: set only for those.</summary>
    public Explain.Cause? Cause { get; init; }
}

/// <summary>An instance as a comparison recognises it after a replacement: same subnet, same Name tag.</summary>
internal sealed record InstanceIdentity(string InstanceId, string? SubnetId, string? Name);

/// <summary>One change the run made to the VPC (or would make, in a dry run), and what became of it.</summary>
internal sealed record ChangeRecord(string Phase, string Action, string Resource, string Description, ChangeStatus Status);

internal enum ChangeStatus
{
    Planned,
    Applied,
    RolledBack,
    Kept,
    Failed,
}
