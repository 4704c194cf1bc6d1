using VpceProbe.Contract;
using VpceProbe.Harness.Compare;
using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Tests.Compare;

public class SavedMatrixTests
{
    [Fact]
    public void a_json_report_reads_back_as_the_matrix_it_holds()
    {
        var run = MatrixComparerTests.Run(
            MatrixComparerTests.Cell("a", "i-1", "reachable", Outcome.Unreachable, false, FailureKind.Timeout) with { Reason = "why a" },
            MatrixComparerTests.Cell("b", "i-1", "private", Outcome.Private, true)) with { Instances = [new("i-1", "subnet-a", "app")] };
        var json = new StringWriter();
        new JsonReportWriter().Write(run, json);

        var saved = SavedMatrix.Read("f.json", json.ToString());

        Assert.StartsWith("{\n  \"schemaVersion\": 1,", json.ToString(), StringComparison.Ordinal);
        Assert.Equal(run.Phases[0].Cells, saved.Cells);
        Assert.Equal(run.Instances, saved.Instances);
        Assert.Equal("now", saved.RunId);
    }

    [Theory]
    [InlineData("not json", "not a saved vpceprobe matrix")]
    [InlineData("""{"phases":[]}""", "no schemaVersion")]
    [InlineData("""{"schemaVersion":2,"phases":[]}""", "schemaVersion 2")]
    [InlineData("""{"schemaVersion":1}""", "no phases")]
    public void a_file_that_is_not_a_saved_matrix_is_refused_saying_why(string text, string why)
    {
        var error = Assert.Throws<InvalidDataException>(() => SavedMatrix.Read("f.json", text));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("f.json", error.Message, StringComparison.Ordinal);
    }
}
