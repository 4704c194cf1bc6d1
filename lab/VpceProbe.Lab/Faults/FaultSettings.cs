using System.Globalization;

namespace VpceProbe.Lab.Faults;

/// <summary>
/// What the gateway is told to break, for reliability work: a latency added to every AWS call, a rate of
/// throttling answers, a rate of server errors, and operations (by API name) that fail exactly once.
/// Written on the command line as "latency=200ms,throttle=0.1,5xx=0.05,fail-once=SendCommand+GetObject".
/// <see cref="HoldPending"/> ("hold-pending") keeps endpoints created meanwhile `pending` until it is lifted
/// (<see cref="LabState.HoldPending"/>): AWS gives no bound on how long an endpoint stays pending
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html, State), and a probe run that starts
/// in that window must be judged as such.
/// </summary>
internal sealed record FaultSettings(TimeSpan Latency, double ThrottleRate, double ServerErrorRate, IReadOnlyList<string> FailOnce, bool HoldPending = false)
{
    public static FaultSettings None { get; } = new(TimeSpan.Zero, 0, 0, []);

    /// <exception cref="FormatException">An unknown key, a rate outside 0..1, or a malformed duration.</exception>
    public static FaultSettings Parse(string spec)
    {
        var settings = None;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = eq < 0 ? (part, string.Empty) : (part[..eq].Trim(), part[(eq + 1)..].Trim());
            settings = key switch
            {
                "latency" => settings with { Latency = Duration(value) },
                "throttle" => settings with { ThrottleRate = Rate(value, key) },
                "5xx" => settings with { ServerErrorRate = Rate(value, key) },
                "fail-once" => settings with { FailOnce = value.Split('+', StringSplitOptions.RemoveEmptyEntries) },
                "hold-pending" when value is "" or "true" => settings with { HoldPending = true },
                "hold-pending" => throw new FormatException($"hold-pending takes no value (or true), not '{value}'"),
                _ => throw new FormatException($"unknown fault '{key}' (known: latency, throttle, 5xx, fail-once, hold-pending)"),
            };
        }

        return settings;
    }

    private static double Rate(string value, string key) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? rate
            : throw new FormatException($"{key} must be a rate between 0 and 1, not '{value}'");

    private static TimeSpan Duration(string value)
    {
        var (number, scale) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0
            ? TimeSpan.FromMilliseconds(amount * scale)
            : throw new FormatException($"latency must be a duration such as 200ms or 1.5s, not '{value}'");
    }
}
