using VpceProbe.Contract;

namespace VpceProbe.Agent.Cli;

/// <summary>Reads the plan from where the command line says: a file, standard input, or base64.</summary>
internal static class PlanInput
{
    public static async Task<PlanReadResult> ReadAsync(AgentArguments arguments, TextReader stdin, CancellationToken cancellationToken)
    {
        if (arguments.PlanBase64 is { } base64)
        {
            return PlanReader.FromBase64(base64);
        }

        var file = arguments.PlanFile!;
        if (file == "-")
        {
            return PlanReader.FromJson(await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }

        try
        {
            return PlanReader.FromJson(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PlanReadResult.Failed(new PlanError("--plan", $"cannot read '{file}': {e.Message}"));
        }
    }
}
