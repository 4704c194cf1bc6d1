using Amazon.SecurityToken.Model;
using VpceProbe.Agent.Aws;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// GetCallerIdentity: proves that credentials resolve and that the STS endpoint answers. It needs no
/// permission, so a failure here is about the network or the credentials, never about IAM policy. It has no
/// options beyond the plan's region and endpoint, so no options record.
/// </summary>
internal sealed class StsProbe(AwsClients aws) : IProbe
{
    public string Target => "sts GetCallerIdentity";

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var witness = new ConnectionWitness();
        try
        {
            using var sts = await aws.StsAsync(witness, cancellationToken).ConfigureAwait(false);
            var who = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return ProbeAttempt.Success(Outcome.Allowed, witness.Observe() with { Account = who.Account, UserId = who.UserId, Arn = who.Arn });
        }
        catch (Exception e)
        {
            return AwsErrors.Classify(e, context, witness.Observe());
        }
    }
}
