using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;

namespace VpceProbe.Lab.Tests.Lifecycle;

public class LabStatusReportTests
{
    [Fact]
    public async Task a_lab_that_was_never_started_is_reported_not_up_with_exit_code_1()
    {
        var names = new LabNames("nevermade");
        var output = new StringWriter();

        var exitCode = await LabStatusReport.WriteAsync(names, output, TestContext.Current.CancellationToken);

        Assert.Equal((1, "lab nevermade is not up"), (exitCode, output.ToString().Trim()));
    }
}
