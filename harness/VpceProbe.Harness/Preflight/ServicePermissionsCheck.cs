namespace VpceProbe.Harness.Preflight;

/// <summary>
/// Asks every <see cref="ServicePermissionProbe"/> in turn and says what they proved: a refusal names the action,
/// the resource and the iam/ file that grants it, and refuses the run (exit 2, nothing changed); an answer that
/// proves nothing is a note, as for EC2's DryRun (<see cref="PermissionsCheck"/>).
/// </summary>
internal static class ServicePermissionsCheck
{
    public static async Task<IReadOnlyList<PreflightFinding>> RunAsync(IReadOnlyList<ServicePermissionProbe> probes, CancellationToken cancellationToken)
    {
        var findings = new List<PreflightFinding>();
        var proven = new List<string>();
        var unlistable = new List<string>();
        foreach (var probe in probes)
        {
            var (answer, detail) = await SsmPermissionProbes.AskAsync(probe, cancellationToken).ConfigureAwait(false);
            if (answer == ProbeAnswer.Refused && probe.Action == "s3:ListBucket")
            {
                unlistable.Add(probe.Resource + "/");
            }

            // Without s3:ListBucket, S3 answers 403 to a HeadObject of a missing key whatever s3:GetObject says.
            if (answer == ProbeAnswer.Refused && probe.Action == "s3:GetObject" && unlistable.Any(b => probe.Resource.StartsWith(b, StringComparison.Ordinal)))
            {
                findings.Add(new(Refuse: false, $"permissions: {probe.Action} on {probe.Resource} not proven: S3 hides it behind the missing s3:ListBucket"));
                continue;
            }

            switch (answer)
            {
                case ProbeAnswer.Proven:
                    proven.Add(probe.Action);
                    break;
                case ProbeAnswer.Refused:
                    findings.Add(new(Refuse: true,
                        $"permissions: the run needs {probe.Action} on {probe.Resource} ({probe.Why}), and AWS refused it ({detail}): {probe.File} grants it; attach it to the credentials' role or user (README \"Permissions\")"));
                    break;
                default:
                    findings.Add(new(Refuse: false, $"permissions: {probe.Action} ({probe.Why}) not proven before the run: {detail}"));
                    break;
            }
        }

        if (proven.Count > 0)
        {
            findings.Add(new(Refuse: false, $"permissions: proved by harmless calls {string.Join(", ", proven.Distinct())}"));
        }

        return findings;
    }
}
