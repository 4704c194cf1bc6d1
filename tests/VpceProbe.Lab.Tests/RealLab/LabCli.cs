using System.CommandLine;
using VpceProbe.Harness.Cli;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The harness CLI in-process against the shared lab, with the lab's keys through the SDK's default chain.</summary>
internal static class LabCli
{
    public static async Task<(int Code, string Text)> InvokeAsync(SharedLab lab, params string[] args)
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        var output = new StringWriter();
        var code = await HarnessCli.InvokeAsync(
            [.. args, "--endpoint-url", lab.GatewayUrl.ToString().TrimEnd('/'), "--region", lab.Region],
            new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"backend: lab\n{string.Join(' ', args.Take(2))}: exit {code}\n{output}");
        return (code, output.ToString());
    }
}
