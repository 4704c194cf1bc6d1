namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// Ground truth for the prediction on the lab's other built-in topologies as built, each in a lab of its own: `accept`
/// runs and no cell may be predicted other than the instance saw (the walkthrough's clean run is DiagnosisLabTests').
/// Prints "clean TOPOLOGY: M cells predicted, 0 wrong" (bench/diagnosis.sh).
/// </summary>
[Collection(typeof(RealLabCollection))]
public class CleanTopologyPredictionLabTests
{
    private const string Bucket = "twtech-secure-bucket";
    private const string Secret = "twtech/db-password";

    // The same flags AcceptTopologyLabTests accepts each topology with; tags other than its own, so both can run in one process.
    public static TheoryData<string, char, string[]> Topologies => new()
    {
        { "two-az", 'x', ["--vpc-name", "two-az-vpc", "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret] },
        { "fleet", 'y', ["--vpc-name", "fleet-vpc", "--egress-host", "google.com"] },
        { "locked-down", 'z', ["--vpc-name", "locked-down-vpc", "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret] },
    };

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task no_cell_of_a_built_in_topology_as_built_is_predicted_wrongly(string topology, char tag, string[] flags)
    {
        await using var lab = await OwnLab.UpAsync(topology, tag);
        var tally = new PredictionTally();

        var outcome = await lab.Harness.AcceptAsync("as-built", flags);
        tally.Count(topology, outcome, hostFact: null);

        var line = $"clean {topology}: {tally.Predicted} cells predicted, {tally.Wrong.Count} wrong";
        await PredictionTally.ReportAsync([line]);
        Assert.True(tally.Predicted > 0 && tally.Wrong.Count == 0, $"{line}\n{string.Join('\n', tally.Wrong)}\n{outcome.Output}");
    }
}
