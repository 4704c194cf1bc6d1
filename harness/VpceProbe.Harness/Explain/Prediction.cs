using VpceProbe.Contract;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// What the VPC's configuration says a probe will see from one instance, in the agent's vocabulary, with the
/// path of decisions that leads there. <see cref="Outcome"/> is null when the configuration cannot say (a probe
/// kind or target the prediction does not model); the path then says why.
/// </summary>
internal sealed record Prediction(Outcome? Outcome, IReadOnlyList<PathStep> Path)
{
    /// <summary>
    /// The step that decided the outcome: a detour that led to a block (the detour is why the traffic was where it
    /// was stopped), else the block, else a detour, else a note; null on a clean path.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PathStep? Deciding
    {
        get
        {
            var block = Path.FirstOrDefault(s => s.Verdict == StepVerdict.Block);
            var detour = Path.FirstOrDefault(s => s.Verdict == StepVerdict.Detour);
            return (detour, block) switch
            {
                ({ } d, { } b) when Path.ToList().IndexOf(d) < Path.ToList().IndexOf(b) => d,
                (_, { } b) => b,
                ({ } d, null) => d,
                _ => Path.FirstOrDefault(s => s.Verdict == StepVerdict.Note),
            };
        }
    }

    public Cause? Cause => Deciding is { Cause: not null } step ? Explain.Cause.From(step) : null;

    public static Prediction Unknown(string why) => new(null, [new PathStep(PathLayer.Route, StepVerdict.Note, "-", why)]);
}
