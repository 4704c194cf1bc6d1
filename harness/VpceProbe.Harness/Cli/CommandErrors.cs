using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// The AWS failures of <see cref="AwsCommandErrors"/>, plus what `run`, `rollback` and `probe` can refuse
/// before changing anything: a scenario error (each with file and line), a usage error, a missing journal.
/// All of those are exit code 2.
/// </summary>
internal static class CommandErrors
{
    public static Task<int> RunAsync(ParseResult parse, Func<Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        return AwsCommandErrors.RunAsync(error, async () =>
        {
            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (ScenarioException e)
            {
                foreach (var line in e.Errors)
                {
                    await error.WriteLineAsync($"scenario error: {line}").ConfigureAwait(false);
                }

                await error.WriteLineAsync("nothing was changed").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is UsageException or FileNotFoundException or InvalidDataException)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
    }
}
