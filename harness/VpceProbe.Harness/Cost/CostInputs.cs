namespace VpceProbe.Harness.Cost;

/// <summary>
/// Monthly traffic to AWS services, in GB. <see cref="ServiceGb"/> names services by their short name
/// (s3, dynamodb, secretsmanager, ecr.api...); every other service counted gets <see cref="DefaultGb"/>.
/// </summary>
internal sealed record CostInputs(decimal DefaultGb, IReadOnlyDictionary<string, decimal> ServiceGb)
{
    public decimal GbFor(string service) => ServiceGb.TryGetValue(service, out var gb) ? gb : DefaultGb;
}
