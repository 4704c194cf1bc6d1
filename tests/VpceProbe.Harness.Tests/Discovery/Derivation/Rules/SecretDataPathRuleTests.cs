using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class SecretDataPathRuleTests
{
    private static readonly SecretDataPathRule Rule = new();

    [Fact]
    public void without_secret_id_nothing_is_derived() => Assert.Empty(Derive(Build(), "i-a", only: Rule).Probes);

    [Theory]
    [InlineData(true, "through interface endpoint vpce-secretsmanager")]
    [InlineData(false, "through the default route (route table rtb-a sends 0.0.0.0/0 to nat-1)")]
    public void the_secret_must_be_readable_and_the_reason_names_its_path(bool endpoint, string why)
    {
        var vpc = endpoint ? Build(endpoints: Interface("secretsmanager")) : Build();
        var probe = Assert.Single(Derive(vpc, "i-a", new(SecretId: "app/db"), Rule).Probes);

        Assert.Equal(("secret", ProbeKinds.Secret, "app/db", Expectations.Allowed), (probe.Probe.Id, probe.Probe.Kind, probe.Probe.SecretId, probe.Probe.Expect));
        Assert.Contains(why, probe.Reason.Text, StringComparison.Ordinal);
    }
}
