using VpceProbe.Lab.Ssm;

namespace VpceProbe.Lab.Tests.Ssm;

public class OutputTruncationTests
{
    [Fact]
    public void short_output_is_left_whole()
    {
        Assert.Equal("ok\n", OutputTruncation.Truncate("ok\n", OutputTruncation.InvocationLimit, OutputTruncation.OutputMarker));
    }

    [Fact]
    public void truncated_output_with_its_marker_is_exactly_the_limit()
    {
        var cut = OutputTruncation.Truncate(new string('x', 100), 50, OutputTruncation.OutputMarker);
        Assert.Equal(50, cut.Length);
        Assert.EndsWith(OutputTruncation.OutputMarker, cut);
    }

    [Fact]
    public void combined_output_puts_stderr_under_the_agent_error_header()
    {
        Assert.Equal("out\n----------ERROR-------\nerr", OutputTruncation.Combined("out", "err", 100));
    }

    [Fact]
    public void combined_long_stdout_and_stderr_share_the_limit_and_keep_both_markers()
    {
        var combined = OutputTruncation.Combined(new string('o', 10_000), new string('e', 10_000), OutputTruncation.PluginOutputLimit);
        Assert.Equal(OutputTruncation.PluginOutputLimit, combined.Length);
        Assert.Contains(OutputTruncation.OutputMarker + OutputTruncation.ErrorHeader, combined);
        Assert.EndsWith(OutputTruncation.ErrorMarker, combined);
    }

    [Fact]
    public void a_short_stderr_keeps_all_of_its_text_when_stdout_is_long()
    {
        var combined = OutputTruncation.Combined(new string('o', 10_000), "boom", OutputTruncation.PluginOutputLimit);
        Assert.Equal(OutputTruncation.PluginOutputLimit, combined.Length);
        Assert.EndsWith(OutputTruncation.ErrorHeader + "boom", combined);
    }
}
