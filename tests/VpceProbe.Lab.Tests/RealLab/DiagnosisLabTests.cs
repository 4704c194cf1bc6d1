using Amazon.SimpleSystemsManagement;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// Ground truth for the prediction (issue 12): `accept` on the walkthrough lab, clean and then with one fault of
/// <see cref="SeededFaults"/> seeded at a time (and undone after its check). On the clean VPC no cell may be predicted
/// other than the instance saw; with a fault, the probe must see what AWS would make it see and the cell's cause (its
/// own when it failed, else the prediction's deciding step) must carry the expected code on the seeded resource. A
/// cell the prediction disagrees with counts as wrong unless the fault is on the instance itself and the cell says
/// NOT_EXPLAINED_BY_VPC with that fact. Prints "N of N seeded faults explained with the right resource; M cells
/// predicted, 0 wrong" (bench/diagnosis.sh).
/// </summary>
[Collection(typeof(RealLabCollection))]
public class DiagnosisLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-diagnosis-lab-").FullName;

    [Fact]
    public async Task seeded_faults_are_explained_with_the_seeded_resource_and_no_cell_is_predicted_wrong()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        await Harness.PrepareAsync(Ct);
        var tally = new PredictionTally();
        var faults = new SeededFaults(lab, walkthrough, ec2).All();
        try
        {
            tally.Count("clean", await AcceptAsync("clean"), null);
            foreach (var fault in faults)
            {
                await using var undo = new LabResources(ec2);
                await fault.Seed(undo);
                var outcome = await AcceptAsync(fault.Name);
                tally.Count(fault.Name, outcome, fault.HostFact);
                tally.Judge(fault, outcome.Cell(fault.Probe));
            }
        }
        finally
        {
            await LabInstances.PingStatusAsync(ssm, walkthrough.InstanceId, PingStatus.Online);
            Directory.Delete(_dir, recursive: true);
        }

        var line = $"{tally.Explained.Count} of {faults.Count} seeded faults explained with the right resource; {tally.Predicted} cells predicted, {tally.Wrong.Count} wrong";
        await PredictionTally.ReportAsync([line, .. tally.Explained.Select(f => $"explained: {f}")]);

        Assert.True(tally.Wrong.Count == 0 && tally.Explained.Count == faults.Count, $"{line}\n{string.Join('\n', tally.Wrong)}");
    }

    private AcceptHarness Harness => new(lab.GatewayUrl, lab.Region, _dir);

    private Task<AcceptOutcome> AcceptAsync(string step) => Harness.AcceptAsync(step,
        ["--vpc-name", "twtechVPC", "--egress-host", "google.com", "--bucket", SeededFaults.Bucket, "--secret-id", SeededFaults.Secret, "--wait-for", "10s"]);
}
