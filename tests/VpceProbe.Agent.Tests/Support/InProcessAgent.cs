using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>Runs <see cref="AgentApp"/> in-process with captured streams and fixed host facts.</summary>
internal static class InProcessAgent
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Host facts that do not depend on the machine, so reports compare byte for byte.</summary>
    public static HostFacts FixedHost(string? region) => new()
    {
        Hostname = "ip-10-0-1-10",
        Os = "Linux",
        Architecture = "x64",
        Addresses = ["10.0.1.10"],
        Nameservers = ["10.0.0.2"],
        Region = region,
    };

    public static AgentApp App(TimeProvider time) => new(time, FixedHost, _ => null);

    public static async Task<Result> RunAsync(TimeProvider time, string[] args, string stdin = "", CancellationToken cancellationToken = default) =>
        await Capture(App(time), args, stdin, cancellationToken);

    public static async Task<Result> Capture(AgentApp app, string[] args, string stdin, CancellationToken cancellationToken)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await app.RunAsync(args, input, stdout, stderr, cancellationToken);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static string Base64(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
}
