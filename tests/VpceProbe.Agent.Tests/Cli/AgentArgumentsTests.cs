using VpceProbe.Agent.Cli;
using VpceProbe.Agent.Output;

namespace VpceProbe.Agent.Tests.Cli;

public class AgentArgumentsTests
{
    [Fact]
    public void format_defaults_to_json_and_accepts_table()
    {
        Assert.Equal("json", AgentArguments.Parse(["--plan", "p.json"]).Arguments.Writer.Format);
        Assert.IsType<TableReportWriter>(AgentArguments.Parse(["--plan", "p.json", "--format", "table"]).Arguments.Writer);
    }

    [Fact]
    public void plan_and_plan_base64_together_are_a_usage_error() =>
        Assert.Contains(AgentArguments.Parse(["--plan", "p.json", "--plan-base64", "e30="]).Errors, e => e.Field == "--plan");

    [Fact]
    public void version_and_help_need_no_plan()
    {
        Assert.Empty(AgentArguments.Parse(["--version"]).Errors);
        Assert.True(AgentArguments.Parse(["-h"]).Arguments.ShowHelp);
    }

    [Fact]
    public void help_text_names_every_writer() =>
        Assert.All(ReportWriters.All, w => Assert.Contains(w.Format, AgentArguments.HelpText, StringComparison.Ordinal));
}
