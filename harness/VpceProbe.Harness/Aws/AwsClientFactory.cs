using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;

namespace VpceProbe.Harness.Aws;

/// <summary>Builds SDK clients from <see cref="AwsSettings"/>. The one place that knows about profiles and endpoint overrides.</summary>
internal sealed class AwsClientFactory(AwsSettings settings)
{
    public AwsSettings Settings { get; } = settings;

    /// <summary>Throttling, 5xx and connection errors are retried by every client built here (see <see cref="AwsRetries"/>).</summary>
    public AwsRetries Retries { get; } = AwsRetries.Resolve(settings.Profile);

    public IAmazonEC2 Ec2() => Create(new AmazonEC2Config(), "EC2", (c, cfg) => new AmazonEC2Client(c, cfg));

    public IAmazonSimpleSystemsManagement Ssm() =>
        Create(new AmazonSimpleSystemsManagementConfig(), "SSM", (c, cfg) => new AmazonSimpleSystemsManagementClient(c, cfg));

    // Emulators (moto, LocalStack, the lab) serve S3 on one host: path-style addressing is required there.
    public IAmazonS3 S3() => Create(
        new AmazonS3Config { ForcePathStyle = Settings.EndpointFor("S3") is not null },
        "S3",
        (c, cfg) => new AmazonS3Client(c, cfg));

    /// <summary>
    /// An S3 client addressed as the instances address S3, for presigning URLs they download from: the SDK's
    /// regional endpoint unless <paramref name="instanceEndpoint"/> (--instance-s3-endpoint) says otherwise.
    /// --endpoint-url and AWS_ENDPOINT_URL* are ignored on purpose: they point at the harness's emulator, which
    /// the instance cannot reach. Presigning is local; this client is never used to send a request.
    /// </summary>
    public IAmazonS3 S3ForInstances(string? instanceEndpoint)
    {
        var config = new AmazonS3Config { IgnoreConfiguredEndpointUrls = true, ForcePathStyle = instanceEndpoint is not null };
        if (instanceEndpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Settings.EffectiveRegion);
        }
        else
        {
            config.ServiceURL = instanceEndpoint;
            config.AuthenticationRegion = Settings.EffectiveRegion;
        }

        return new AmazonS3Client(Credentials(), config);
    }

    private TClient Create<TConfig, TClient>(TConfig config, string envName, Func<AWSCredentials?, TConfig, TClient> make)
        where TConfig : ClientConfig
    {
        Retries.Apply(config);
        var region = Settings.EffectiveRegion;
        var endpoint = Settings.EndpointFor(envName);
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return make(Credentials(), config);
    }

    /// <summary>The program's own credentials, else the named profile's, else null to let the SDK's default chain decide.</summary>
    private AWSCredentials? Credentials()
    {
        if (Settings.Credentials is not null)
        {
            return Settings.Credentials;
        }

        if (Settings.Profile is null)
        {
            return null;
        }

        var chain = new CredentialProfileStoreChain();
        return chain.TryGetAWSCredentials(Settings.Profile, out var credentials)
            ? credentials
            : throw new AwsSettingsException($"AWS profile '{Settings.Profile}' was not found in ~/.aws/credentials or ~/.aws/config; create it with 'aws configure --profile {Settings.Profile}' or drop --profile.");
    }
}

/// <summary>A problem with how AWS access was configured (exit code 2: the user must fix their settings).</summary>
internal sealed class AwsSettingsException(string message) : Exception(message);
