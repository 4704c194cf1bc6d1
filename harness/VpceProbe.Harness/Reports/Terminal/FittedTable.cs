using Spectre.Console;
using Spectre.Console.Rendering;

namespace VpceProbe.Harness.Reports.Terminal;

/// <summary>
/// A table that never splits a word (an id, an ARN, a URL) whatever the width: drawn as it is when it fits,
/// with prose columns folded at spaces when every column still fits its longest word, and otherwise one block
/// per row ("Header: value" lines, written as they are for the terminal to wrap, never cut by us).
/// </summary>
internal static class FittedTable
{
    /// <param name="style">The style of a cell (row, column), or null for plain.</param>
    public static void Write(IAnsiConsole console, TextWriter writer, string? title, string[] headers, IReadOnlyList<string[]> rows, Func<int, int, Style?>? style = null)
    {
        var width = console.Profile.Width;
        var border = (3 * headers.Length) + 1;
        var natural = headers.Select((h, c) => rows.Select(r => Longest(Lines(r[c]))).Append(h.Length).Max()).ToArray();
        var words = headers.Select((h, c) => rows.Select(r => Longest(Words(r[c]))).Append(Longest(Words(h))).Max()).ToArray();
        if (natural.Sum() + border <= width)
        {
            console.Write(Table(title, headers, rows, style, null));
        }
        else if (words.Sum() + border <= width)
        {
            // Every column gets its longest word; what is left goes to the columns that would like more, pro rata.
            var spare = width - border - words.Sum();
            var wanted = natural.Zip(words, (n, w) => n - w).ToArray();
            var widths = words.Select((w, c) => w + (wanted.Sum() == 0 ? 0 : spare * wanted[c] / wanted.Sum())).ToArray();
            console.Write(Table(title, headers, rows, style, widths));
        }
        else
        {
            Blocks(writer, title, headers, rows);
        }
    }

    private static Table Table(string? title, string[] headers, IReadOnlyList<string[]> rows, Func<int, int, Style?>? style, int[]? widths)
    {
        var table = new Table { Border = TableBorder.Rounded };
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }

        for (var c = 0; c < headers.Length; c++)
        {
            table.AddColumn(new TableColumn(new Text(headers[c])) { Width = widths?[c] });
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = r;
            table.AddRow(rows[r].Select((cell, c) => (IRenderable)new Text(cell, style?.Invoke(row, c) ?? Style.Plain)).ToArray());
        }

        return table;
    }

    private static void Blocks(TextWriter writer, string? title, string[] headers, IReadOnlyList<string[]> rows)
    {
        if (title is not null)
        {
            writer.WriteLine(title);
        }

        var pad = headers.Max(h => h.Length);
        for (var r = 0; r < rows.Count; r++)
        {
            writer.WriteLine($"── {r + 1} of {rows.Count}");
            for (var c = 0; c < headers.Length; c++)
            {
                var lines = Lines(rows[r][c]);
                for (var l = 0; l < lines.Length; l++)
                {
                    writer.WriteLine($"{(l == 0 ? headers[c] + ":" : "").PadRight(pad + 1)} {lines[l]}".TrimEnd());
                }
            }
        }
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static IEnumerable<string> Words(string text) => text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static int Longest(IEnumerable<string> parts) => parts.Select(p => p.Length).DefaultIfEmpty(0).Max();
}
