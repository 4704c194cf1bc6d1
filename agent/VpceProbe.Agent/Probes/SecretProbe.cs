using VpceProbe.Agent.Aws;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// GetSecretValue through Secrets Manager's (interface) endpoint. The report keeps the ARN, version and the
/// value's length: enough to prove the right secret was read, nothing that reveals it.
/// </summary>
internal sealed class SecretProbe(SecretProbeOptions options, AwsClients aws) : IProbe
{
    public string Target => options.SecretId;

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var witness = new ConnectionWitness();
        try
        {
            using var secrets = await aws.SecretsManagerAsync(witness, cancellationToken).ConfigureAwait(false);
            var version = await secrets.GetSecretValueAsync(options.SecretId, cancellationToken).ConfigureAwait(false);
            return ProbeAttempt.Success(Outcome.Allowed, witness.Observe() with
            {
                Arn = version.Arn,
                VersionId = version.VersionId,
                VersionStages = [.. version.VersionStages],
                Length = version.Length,
            });
        }
        catch (Exception e)
        {
            return AwsErrors.Classify(e, context, witness.Observe());
        }
    }
}
