namespace VpceProbe.Harness.Cli;

/// <summary>Where a read-only command's report goes: --output FILE when given, else the command's output writer.</summary>
internal static class ReportOutput
{
    public static async Task WriteAsync(FileInfo? file, TextWriter console, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            write(console);
            return;
        }

        if (file.Directory is { Exists: false } directory)
        {
            directory.Create();
        }

        using var text = new StringWriter();
        write(text);
        await File.WriteAllTextAsync(file.FullName, text.ToString(), cancellationToken).ConfigureAwait(false);
        await console.WriteLineAsync($"wrote {file.FullName}").ConfigureAwait(false);
    }
}
