using Spectre.Console;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// A Spectre console that writes to the command's output writer (not the process's stdout), so tests and
/// redirection see exactly what a person would. Colour only when that writer is the real terminal.
/// </summary>
internal static class ConsoleFor
{
    public static IAnsiConsole Writer(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // A file or a pipe has no width; Spectre would assume 80 columns and wrap resource ids mid-word,
        // which breaks grep. Wide enough for every table we print.
        if (!terminal)
        {
            console.Profile.Width = NonTerminalWidth;
        }

        return console;
    }

    private const int NonTerminalWidth = 400;
}
