using System.CommandLine;
using VpceProbe.Harness.Cli;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>Runs `vpceprobe ARGS` in-process and captures what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(IEnumerable<string> args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        var code = await HarnessCli.InvokeAsync([.. args], config, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
