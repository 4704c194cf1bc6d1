using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VpceProbe.Lab.Tls;

/// <summary>
/// The lab's own CA, made at `lab up` and trusted only inside lab namespaces (through /etc/netns/…/ssl), and
/// the leaf certificates it signs for the real service names, so the agent makes ordinary SDK calls to
/// https://s3.REGION.amazonaws.com with no endpoint override and no TLS switch turned off.
/// </summary>
internal sealed class LabCertificateAuthority : IDisposable
{
    private const string CertFile = "ca.pem";
    private const string KeyFile = "ca.key";

    private LabCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, to append to a namespace's trust bundle.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    public static LabCertificateAuthority Create(string labName, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=VpceProbe lab {labName} CA, O=VpceProbe lab", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return new LabCertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));
    }

    public void Save(string directory)
    {
        File.WriteAllText(Path.Combine(directory, CertFile), CertificatePem);
        File.WriteAllText(Path.Combine(directory, KeyFile), Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Path.Combine(directory, KeyFile), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static LabCertificateAuthority Load(string directory) =>
        new(X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertFile), Path.Combine(directory, KeyFile)));

    /// <summary>A server certificate for <paramref name="dnsNames"/> (wildcards allowed), valid while the lab may live.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = dnsNames.Distinct(StringComparer.Ordinal).ToList();
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        names.ForEach(san.AddDnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        using var signed = request.Create(Certificate, now.AddDays(-1), now.AddDays(29), serial);
        // Kestrel and SslStream need the key attached, in a form they can use on Linux: round-trip through PKCS#12.
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The names the lab's service frontends answer for in a region, plus the internet namespace's web hosts.</summary>
    public static IReadOnlyList<string> ServiceNames(string region, IEnumerable<string> webHosts) =>
        [$"*.{region}.amazonaws.com", $"s3.{region}.amazonaws.com", $"*.s3.{region}.amazonaws.com", "s3.amazonaws.com", "*.s3.amazonaws.com", .. webHosts];

    public void Dispose() => Certificate.Dispose();
}
