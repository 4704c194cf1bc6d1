namespace VpceProbe.Harness.Explain;

/// <summary>Why a cell failed or surprised: the code, the resource that decided it, the rule, and the fix.</summary>
internal sealed record Cause(CauseCode Code, string Resource, string Detail, string Fix)
{
    public static Cause From(PathStep step) =>
        new(step.Cause!.Value, step.Resource, step.Detail, CauseCatalog.Fix(step.Cause.Value, step.FixValues ?? [step.Resource]));

    /// <summary>"SG_INGRESS_BLOCKS sg-1", as the console's cause column shows it.</summary>
    public string Short => $"{CauseCatalog.Name(Code)} {Resource}";
}
