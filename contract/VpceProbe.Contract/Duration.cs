using System.Globalization;

namespace VpceProbe.Contract;

/// <summary>Parses the plan's durations: a number with a unit, "250ms", "5s", "1.5m", "1h".</summary>
public static class Duration
{
    /// <summary>No probe, wait or deadline may be longer: a day is far beyond any propagation delay, and the cap keeps arithmetic on durations from overflowing.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(24);

    public const string Examples = "500ms, 5s or 2m";

    public static bool TryParse(string? text, out TimeSpan value) => Check(text, out value) is null;

    /// <summary>Null when <paramref name="text"/> is a positive duration of at most <see cref="Max"/>; otherwise what is wrong with it.</summary>
    public static string? Check(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"is empty; write a duration such as {Examples}";
        }

        var s = text.Trim();
        var (number, scale) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 1.0),
            _ when s.EndsWith('s') => (s[..^1], 1000.0),
            _ when s.EndsWith('m') => (s[..^1], 60_000.0),
            _ when s.EndsWith('h') => (s[..^1], 3_600_000.0),
            _ => ("", 0.0),
        };
        if (scale == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            || !double.IsFinite(n) || n < 0)
        {
            return $"{Printable.Quote(text)} is not a duration; write a number and a unit (ms, s, m, h) such as {Examples}";
        }

        // Compared as a double before any TimeSpan is built: 99999999999999999999s would overflow TimeSpan.
        var milliseconds = n * scale;
        if (milliseconds > Max.TotalMilliseconds)
        {
            return $"{Printable.Quote(text)} is longer than the 24h limit";
        }

        if (milliseconds < 1)
        {
            return $"{Printable.Quote(text)} must be positive (at least 1ms)";
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return null;
    }

    /// <summary>Formats the way plans write durations, for messages and reports.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 || value.TotalMilliseconds % 1000 != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s");
}
