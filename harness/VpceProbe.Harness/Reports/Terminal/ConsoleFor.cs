using Spectre.Console;

namespace VpceProbe.Harness.Reports.Terminal;

/// <summary>
/// A Spectre console that writes to the command's output writer (not the process's stdout), so tests and
/// redirection see exactly what a person would. Colour only when that writer is the real terminal.
/// </summary>
internal static class ConsoleFor
{
    /// <param name="width">Columns to lay out for; by default the terminal's, or a bounded width without one.</param>
    public static IAnsiConsole Writer(TextWriter writer, int? width = null)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // A file or a pipe has no width: a bounded one keeps log lines readable (no 400-column rulers); tables that
        // do not fit it fold at spaces or turn into one block per row (Reports/Terminal/FittedTable), never split an id.
        if (width is not null || !terminal)
        {
            console.Profile.Width = width ?? NonTerminalWidth;
        }

        return console;
    }

    public const int NonTerminalWidth = 160;
}
