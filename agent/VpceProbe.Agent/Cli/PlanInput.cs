using System.Text;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Cli;

/// <summary>
/// Reads the plan from where the command line says: a file, standard input, or base64. At most
/// <see cref="InputLimits.MaxBytes"/> plus one byte is ever read, so a 50 MB plan costs 1 MB, not 400.
/// </summary>
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
            return await FromStdinAsync(stdin, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var stream = File.OpenRead(file);
            var buffer = new byte[InputLimits.MaxBytes + 1];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return PlanReader.FromUtf8(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PlanReadResult.Failed(new PlanError("--plan", $"cannot read {Printable.Quote(file)}: {e.Message}"));
        }
    }

    /// <summary>Program.cs gives a reader that throws on bytes that are not UTF-8; tests give any reader.</summary>
    private static async Task<PlanReadResult> FromStdinAsync(TextReader stdin, CancellationToken cancellationToken)
    {
        var buffer = new char[InputLimits.MaxBytes + 1];
        var total = 0;
        try
        {
            int read;
            while (total < buffer.Length && (read = await stdin.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
        catch (DecoderFallbackException)
        {
            return PlanReadResult.Failed(new PlanError("-", "standard input is not UTF-8; send the plan as UTF-8"));
        }

        return total > InputLimits.MaxBytes
            ? PlanReadResult.Failed(new PlanError("-", InputText.TooLarge))
                        : PlanReader.FromUtf8(Encoding.UTF8.GetBytes(buffer, 0, total));
    }
}
