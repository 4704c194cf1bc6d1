using System.Text.Json;
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
        var tally = new Tally();
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
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        // bench/diagnosis.sh names a file to read the figures from (a passing test's output is not printed).
        if (Environment.GetEnvironmentVariable("VPCEPROBE_DIAGNOSIS_FILE") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, $"{line}\n{string.Join('\n', tally.Explained.Select(f => $"explained: {f}"))}\n", CancellationToken.None);
        }

        Assert.True(tally.Wrong.Count == 0 && tally.Explained.Count == faults.Count, $"{line}\n{string.Join('\n', tally.Wrong)}");
    }

    private AcceptHarness Harness => new(lab.GatewayUrl, lab.Region, _dir);

    private Task<AcceptOutcome> AcceptAsync(string step) => Harness.AcceptAsync(step,
        ["--vpc-name", "twtechVPC", "--egress-host", "google.com", "--bucket", SeededFaults.Bucket, "--secret-id", SeededFaults.Secret, "--wait-for", "10s"]);

    /// <summary>Cells predicted and predicted wrongly, and the faults explained with the right resource.</summary>
    private sealed class Tally
    {
        public int Predicted { get; private set; }

        public List<string> Wrong { get; } = [];

        public List<string> Explained { get; } = [];

        public void Count(string step, AcceptOutcome outcome, string? hostFact)
        {
            foreach (var cell in outcome.Cells.Where(c => Said(c) is not null && c.TryGetProperty("observed", out _)))
            {
                Predicted++;
                var saw = cell.GetProperty("observed").GetString();
                if (Said(cell) != saw && !(hostFact is not null && Names(Cause(cell), "NOT_EXPLAINED_BY_VPC", null, hostFact)))
                {
                    Wrong.Add($"{step}: {cell.GetProperty("probeId").GetString()} predicted {Said(cell)}, observed {saw}; {Text(Cause(cell))}");
                }
            }
        }

        public void Judge(SeededFault fault, JsonElement cell)
        {
            var seen = cell.GetProperty("observed").GetString();
            var cause = Cause(cell);
            if (seen == fault.Observed && Names(cause, fault.Code, fault.Resource(), fault.HostFact))
            {
                Explained.Add($"{fault.Name} ({fault.Probe} {seen}: {Text(cause)})");
                return;
            }

            var path = cell.GetProperty("prediction").GetProperty("path").EnumerateArray().Select(s => s.GetProperty("detail").GetString());
            Wrong.Add($"{fault.Name}: {fault.Probe} observed {seen} (AWS: {fault.Observed}), cause {Text(cause)} (wanted {fault.Code} {fault.Resource()}); path {string.Join(" | ", path)}");
        }

        private static string? Said(JsonElement cell) =>
            cell.TryGetProperty("prediction", out var p) && p.TryGetProperty("outcome", out var o) ? o.GetString() : null;

        // The cell's own cause when it has one (a failed or unexpected cell), else the prediction's deciding step.
        private static JsonElement? Cause(JsonElement cell) =>
            cell.TryGetProperty("cause", out var own) ? own
            : cell.TryGetProperty("prediction", out var p) && p.TryGetProperty("cause", out var deciding) ? deciding
            : null;

        private static bool Names(JsonElement? cause, string code, string? resource, string? fact) =>
            cause is { } c && c.GetProperty("code").GetString() == code
            && (resource is null || c.GetProperty("resource").GetString() == resource)
            && (fact is null || c.GetProperty("detail").GetString()!.Contains(fact, StringComparison.Ordinal));

        private static string Text(JsonElement? cause) =>
            cause is { } c ? $"{c.GetProperty("code").GetString()} {c.GetProperty("resource").GetString()}: {c.GetProperty("detail").GetString()}" : "none";
    }
}
