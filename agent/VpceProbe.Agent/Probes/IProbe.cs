namespace VpceProbe.Agent.Probes;

/// <summary>
/// One check. A probe reports, it does not throw: every failure becomes a <see cref="ProbeAttempt"/>
/// with a <see cref="VpceProbe.Contract.FailureKind"/>. Retries (waitFor), timeouts and timing are the runner's job.
/// </summary>
internal interface IProbe
{
    /// <summary>A short human form of the target, for the report ("s3.us-east-1.amazonaws.com", "10.0.1.5:443").</summary>
    string Target { get; }

    /// <summary>
    /// Runs one attempt. <paramref name="cancellationToken"/> fires when the attempt's own timeout passes
    /// (<see cref="ProbeContext.AttemptTimedOut"/> tells which) or when the whole run is cancelled.
    /// </summary>
    Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken);
}
