using Amazon.EC2;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// Proves before the first change that the credentials may make every change the plan makes: each EC2 call of
/// <see cref="PermissionProbes"/> is sent with DryRun. AWS answers DryRunOperation when the call is permitted and
/// UnauthorizedOperation when it is not (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html);
/// a refusal names the action and the iam/ file that grants it, and stops the run (exit 2) with nothing changed.
/// Any other answer (a resource the run has yet to create is not found) proves nothing either way and is a note.
/// Emulators that ignore DryRun would carry the call out: the first probe is a DeleteRoute of a route no table has,
/// harmless if carried out, and an answer other than those two means DryRun is not honoured, so no other probe is sent.
/// SSM and S3 have no DryRun: the ssm transport proves its calls with harmless ones (<see cref="SsmPermissionProbes"/>).
/// </summary>
internal static class PermissionsCheck
{
    public const string DryRunOperation = "DryRunOperation";

    public static async Task<IReadOnlyList<PreflightFinding>> RunAsync(IAmazonEC2 ec2, PreflightInput input, CancellationToken cancellationToken)
    {
        var probes = PermissionProbes.For(input);
        if (probes.Count == 0)
        {
            return [];
        }

        var findings = new List<PreflightFinding>();
        var proven = new List<string>();
        foreach (var probe in probes)
        {
            try
            {
                await probe.Call(ec2, cancellationToken).ConfigureAwait(false);
                findings.Add(new(Refuse: false, $"permissions: {probe.Action} answered without DryRun's answer: this endpoint does not honour DryRun (an emulator?); permissions not proven"));
                break;
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == DryRunOperation)
            {
                if (probe.Needed)
                {
                    proven.Add(probe.Action);
                }
            }
            catch (AmazonEC2Exception e) when (AccessDenial.From(e, probe.Action) is { } denial)
            {
                if (probe.Needed)
                {
                    findings.Add(new(Refuse: true, $"permissions: the run needs {probe.Action} ({probe.Why}), and DryRun says these credentials may not: {denial.Explain()}"));
                }
            }
            catch (AmazonEC2Exception e) when (probe.Detector)
            {
                findings.Add(new(Refuse: false, $"permissions: this endpoint does not honour DryRun ({e.ErrorCode} to a DryRun DeleteRoute; an emulator?): permissions not proven"));
                break;
            }
            catch (AmazonEC2Exception e)
            {
                findings.Add(new(Refuse: false, $"permissions: {probe.Action} ({probe.Why}) not proven before the run: DryRun answered {e.ErrorCode}"));
            }
        }

        if (proven.Count > 0)
        {
            findings.Add(new(Refuse: false, $"permissions: DryRun proved {string.Join(", ", proven.Distinct())}"));
        }

        return findings;
    }
}
