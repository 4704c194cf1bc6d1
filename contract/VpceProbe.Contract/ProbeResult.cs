namespace VpceProbe.Contract;

/// <summary>The result of one probe: what was expected, what was seen, and whether they match.</summary>
public sealed record ProbeResult
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    /// <summary>A short human form of the target ("s3.us-east-1.amazonaws.com", "10.0.1.5:443", "s3://bucket").</summary>
    public required string Target { get; init; }

    public required string Expect { get; init; }

    public Outcome Outcome { get; init; }

    public bool Pass { get; init; }

    /// <summary>Absent when the probe got a clean answer.</summary>
    public FailureKind? FailureKind { get; init; }

    /// <summary>One line explaining the failure; never contains secret material.</summary>
    public string? Detail { get; init; }

    public Observation? Observed { get; init; }

    public int Attempts { get; init; }

    public long DurationMs { get; init; }
}
