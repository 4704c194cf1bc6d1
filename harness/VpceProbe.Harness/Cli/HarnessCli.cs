using System.CommandLine;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Cli;

/// <summary>Parse and run one command line: what Program.cs does, and what the tests call to run `vpceprobe` in-process.</summary>
public static class HarnessCli
{
    /// <summary>
    /// System.CommandLine ends a parse error (unknown option, missing --vpc, a value it cannot convert) with
    /// exit code 1, which here means "an expectation failed". A parse error is a usage error: exit 2, as
    /// <see cref="ExitCodes.Usage"/> promises; the parser's message and help are still printed.
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var parse = CommandCatalog.BuildRoot().Parse(args);
        var code = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parse.Errors.Count > 0 ? ExitCodes.Usage : code;
    }
}
