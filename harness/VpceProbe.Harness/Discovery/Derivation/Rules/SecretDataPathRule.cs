using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>--secret-id: the secret must be readable from every instance, through the Secrets Manager endpoint and its policy when there is one.</summary>
internal sealed class SecretDataPathRule : IDerivationRule
{
    public string Id => "secret";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        if (context.Options.SecretId is not { } secret)
        {
            yield break;
        }

        var endpoint = context.PrivateDnsEndpoint("secretsmanager");
        var via = endpoint is not null
            ? $"through interface endpoint {endpoint.Id} and its policy"
            : $"with no secretsmanager endpoint, through the default route ({context.DefaultRoute.Describe()})";
        yield return new(
            new ProbeSpec { Id = "secret", Kind = ProbeKinds.Secret, SecretId = secret, Expect = Expectations.Allowed },
            new(Id, $"--secret-id: {secret} must be readable {via}", endpoint?.Id, endpoint is null ? context.DefaultRoute.RouteTableId : null));
    }
}
