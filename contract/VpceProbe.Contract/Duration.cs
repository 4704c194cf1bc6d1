using System.Globalization;

namespace VpceProbe.Contract;

/// <summary>Parses the plan's durations: a number with a unit, "250ms", "5s", "1.5m", "1h".</summary>
public static class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
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
        if (scale == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n < 0)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(n * scale);
        return true;
    }

    /// <summary>Formats the way plans write durations, for messages and reports.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 || value.TotalMilliseconds % 1000 != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s");
}
