using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.Tls;

namespace VpceProbe.Lab.Tests.Tls;

public class LabCertificateAuthorityTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero));

    private static bool Verifies(X509Certificate2 leaf, X509Certificate2? root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        if (root is not null)
        {
            chain.ChainPolicy.CustomTrustStore.Add(root);
        }

        return chain.Build(leaf);
    }

    [Fact]
    public void a_leaf_for_the_real_service_names_chains_to_the_lab_ca_and_to_nothing_else()
    {
        using var ca = LabCertificateAuthority.Create("t", Time);
        using var other = LabCertificateAuthority.Create("other", Time);
        using var leaf = ca.IssueServerCertificate(LabCertificateAuthority.ServiceNames("us-east-1", ["google.com"]), Time);

        Assert.True(Verifies(leaf, ca.Certificate));
        Assert.False(Verifies(leaf, other.Certificate));
        Assert.True(leaf.HasPrivateKey);
        Assert.True(leaf.MatchesHostname("secretsmanager.us-east-1.amazonaws.com"));
        Assert.True(leaf.MatchesHostname("twtech-secure-bucket.s3.us-east-1.amazonaws.com"));
        Assert.True(leaf.MatchesHostname("google.com"));
        Assert.False(leaf.MatchesHostname("secretsmanager.eu-west-1.amazonaws.com"));
    }

    [Fact]
    public void the_ca_survives_a_save_and_load_with_its_key()
    {
        var directory = Directory.CreateTempSubdirectory("vpl-ca-").FullName;
        try
        {
            using var ca = LabCertificateAuthority.Create("t", Time);
            ca.Save(directory);
            using var loaded = LabCertificateAuthority.Load(directory);
            using var leaf = loaded.IssueServerCertificate(["s3.us-east-1.amazonaws.com"], Time);

            Assert.Equal(ca.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
            Assert.True(Verifies(leaf, ca.Certificate));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
