namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Behaviour 7 on the real lab: TLS on the real service names, with a CA trusted inside lab namespaces only.</summary>
[Collection(typeof(RealLabCollection))]
public class TlsLabTests(SharedLab lab)
{
    [Fact]
    public async Task service_names_verify_against_the_instance_trust_store_but_not_against_the_host_one()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        // The host's own bundle, copied outside /etc before entering the namespace (which bind-mounts /etc/netns/NS/ssl over it).
        var hostBundle = Path.Combine(Path.GetTempPath(), $"vpl-host-bundle-{Environment.ProcessId}.pem");
        File.Copy("/etc/ssl/certs/ca-certificates.crt", hostBundle, overwrite: true);
        try
        {
            var trusted = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 5 https://secretsmanager.us-east-1.amazonaws.com/");
            var untrusted = await walkthrough.OnInstanceAsync($"curl -sS -o /dev/null -m 5 --cacert {hostBundle} https://secretsmanager.us-east-1.amazonaws.com/");

            Assert.True(trusted.ExitCode == 0, trusted.Output);
            Assert.Equal(60, untrusted.ExitCode); // curl: peer certificate cannot be authenticated with the given CA
        }
        finally
        {
            File.Delete(hostBundle);
        }
    }

    [Fact]
    public async Task an_ordinary_sdk_call_with_no_endpoint_override_works_inside_the_instance_with_imds_credentials()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        var call = await walkthrough.AwsCliAsync("secretsmanager get-secret-value --secret-id twtech/db-password --query SecretString --output text");

        Assert.Equal((0, "lab-only-not-a-real-password\n"), call);
    }
}
