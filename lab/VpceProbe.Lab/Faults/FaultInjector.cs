using System.Collections.Concurrent;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Faults;

/// <summary>
/// Decides, per AWS call, whether the gateway delays it and whether it answers with an injected error instead
/// of moto. The random source is injected so tests can make a rate certain (0 or 1) or reproducible.
/// </summary>
internal sealed class FaultInjector(FaultSettings initial, Random random)
{
    private readonly ConcurrentDictionary<string, byte> _failOnce = new(initial.FailOnce.Select(o => KeyValuePair.Create(o, (byte)0)), StringComparer.Ordinal);
    private volatile FaultSettings _settings = initial;

    public FaultSettings Settings => _settings with { FailOnce = [.. _failOnce.Keys] };

    /// <summary>Replaces every fault (a control call or a test).</summary>
    public void Apply(FaultSettings settings)
    {
        _settings = settings;
        _failOnce.Clear();
        foreach (var operation in settings.FailOnce)
        {
            _failOnce[operation] = 0;
        }
    }

    public void FailOnce(string operation) => _failOnce[operation] = 0;

    public FaultDecision Decide(AwsRequest request)
    {
        var settings = _settings;
        var operation = request.Operation;
        AwsErrorResponse? error = null;
        if (_failOnce.TryRemove(operation, out _))
        {
            error = InjectedErrors.ServerError(request);
        }
        else if (settings.ThrottleRate > 0 && Draw() < settings.ThrottleRate)
        {
            error = InjectedErrors.Throttling(request);
        }
        else if (settings.ServerErrorRate > 0 && Draw() < settings.ServerErrorRate)
        {
            error = InjectedErrors.ServerError(request);
        }

        return new FaultDecision(settings.Latency, error);
    }

    private double Draw()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }
}

/// <param name="Delay">Added before the call is answered (zero for none).</param>
/// <param name="Error">The injected answer, or null to let the call through.</param>
internal sealed record FaultDecision(TimeSpan Delay, AwsErrorResponse? Error);
