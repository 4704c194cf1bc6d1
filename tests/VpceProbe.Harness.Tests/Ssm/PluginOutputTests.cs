using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Tests.Ssm;

/// <summary>ListCommandInvocations' CommandPlugins Output: stdout and stderr under the agent's header, cut at 2,500.</summary>
public class PluginOutputTests
{
    [Fact]
    public void stdout_and_stderr_are_split_at_the_agent_s_error_header()
    {
        var (stdout, stderr) = PluginOutput.Split("3f2a  /var/lib/x\n\n----------ERROR-------\nsha256sum: warning\n");

        Assert.Equal("3f2a  /var/lib/x", stdout);
        Assert.Equal("sha256sum: warning\n", stderr);
    }

    [Fact]
    public void output_without_the_header_is_all_stdout_and_join_is_split_s_inverse()
    {
        Assert.Equal(("ok\n", ""), PluginOutput.Split("ok\n"));
        Assert.Equal(("out", "err"), PluginOutput.Split(PluginOutput.Join("out", "err")));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(2_399, false)]
    [InlineData(2_400, true)]
    [InlineData(2_500, true)]
    public void output_near_the_listing_s_limit_may_be_cut(int length, bool cut) =>
        Assert.Equal(cut, PluginOutput.MayBeCut(new string('a', length)));

    [Fact]
    public void a_truncation_marker_means_cut_whatever_the_length() =>
        Assert.True(PluginOutput.MayBeCut("short\n---Output truncated---"));
}
