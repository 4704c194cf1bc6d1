using System.CommandLine;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Cli;

/// <summary>Parse and run one command line: what Program.cs does, and what the tests call to run `vpceprobe` in-process.</summary>
internal static class HarnessCli
{
    /// <summary>--verbose, on every command: the stack trace of an internal error.</summary>
    public const string VerboseName = "--verbose";

    public static Option<bool> VerboseOption() => new(VerboseName) { Description = "On an internal error, print its stack trace too.", Recursive = true };

    /// <summary>
    /// System.CommandLine ends a parse error (unknown option, missing --vpc, a value it cannot convert) with
    /// exit code 1, which here means "an expectation failed". A parse error is a usage error: exit 2, as
    /// <see cref="ExitCodes.Usage"/> promises; the parser's message and help are still printed. Its default
    /// exception handler also prints a stack and exits 1: anything no command handled is an internal error
    /// instead, exit 3 with one line on stderr (the stack only with --verbose).
    /// </summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken = default) =>
        InvokeAsync(CommandCatalog.BuildRoot(), args, configuration, cancellationToken);

    /// <summary>
    /// The same with another command tree: the lab program's (vpceprobe-lab), and in tests a command that throws
    /// what no command handles. `lab …` and `demo …` go to the lab program whole, its own help included.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (LabProgram.Forwards(root, args))
        {
            return await LabProgram.RunAsync(args, configuration, cancellationToken).ConfigureAwait(false);
        }

        var parse = root.Parse(args);
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            var code = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            return parse.Errors.Count > 0 ? ExitCodes.Usage : code;
        }
        catch (Exception e)
        {
            await configuration.Error.WriteLineAsync($"internal error ({e.GetType().Name}): {e.Message}{(Verbose(parse) ? "" : " (--verbose for the stack trace)")}").ConfigureAwait(false);
            if (Verbose(parse))
            {
                await configuration.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Infrastructure;
        }
    }

    private static bool Verbose(ParseResult parse) => parse.GetResult(VerboseName) is not null && parse.GetValue<bool>(VerboseName);
}
