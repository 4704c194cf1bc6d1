using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SecurityToken;
using VpceProbe.Agent.Probes;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// Builds the AWS clients of one probe attempt from <see cref="AwsSettings"/>. Credentials come from the SDK's
/// default chain (environment, profiles, container and instance metadata) unless a test injects them.
/// </summary>
internal sealed class AwsClients(AwsSettings settings, Func<Task<AWSCredentials>>? credentials = null)
{
    /// <summary>Plan key and AWS_ENDPOINT_URL_ suffix of Secrets Manager (its SDK ServiceId is "Secrets Manager").</summary>
    public const string SecretsManagerKey = "secretsmanager";

    /// <summary>Clients for a plan: its region and endpoint overrides, the default credential chain.</summary>
    public static AwsClients For(PlanSettings plan) => new(new AwsSettings(plan.Region, plan.Endpoints));

    /// <summary>Resolves credentials; throws the SDK's AmazonClientException when the chain finds none.</summary>
    public Task<AWSCredentials> CredentialsAsync(CancellationToken cancellationToken) =>
        (credentials?.Invoke() ?? DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync()).WaitAsync(cancellationToken);

    public async Task<IAmazonS3> S3Async(ConnectionWitness witness, CancellationToken cancellationToken)
    {
        var config = Configure(new AmazonS3Config(), "s3", witness);
        var client = new AmazonS3Client(await CredentialsAsync(cancellationToken).ConfigureAwait(false), config);

        // Emulators (moto, LocalStack, the lab) serve every bucket on one host, so path-style addressing is needed
        // whenever an endpoint is overridden. The SDK applies AWS_ENDPOINT_URL[_S3] itself while the client is
        // built, so ServiceURL is read back from the client rather than re-derived here.
        config.ForcePathStyle = client.Config.ServiceURL is not null;
        return client;
    }

    public async Task<IAmazonSecurityTokenService> StsAsync(ConnectionWitness witness, CancellationToken cancellationToken) =>
        new AmazonSecurityTokenServiceClient(
            await CredentialsAsync(cancellationToken).ConfigureAwait(false),
            Configure(new AmazonSecurityTokenServiceConfig(), "sts", witness));

    public async Task<ISecretsManagerClient> SecretsManagerAsync(ConnectionWitness witness, CancellationToken cancellationToken)
    {
        var awsCredentials = await CredentialsAsync(cancellationToken).ConfigureAwait(false);
        var region = settings.RegionEndpoint ?? FallbackRegionFactory.GetRegionEndpoint()
            ?? throw new AmazonClientException("No region: set the plan's region or AWS_REGION.");
        var endpoint = settings.ConfiguredEndpoint(SecretsManagerKey, "SECRETS_MANAGER")
            ?? $"https://secretsmanager.{region.SystemName}.{region.PartitionDnsSuffix}";
        // Handed the instance-profile provider itself, SigV4SigningHandler asked it again when signing, and each secret
        // probe took about a second in the lab (1.1 s, against 0.2 s with the keys resolved first; 40 ms with static
        // keys) while the plan's other probes waited behind it. So it signs with the keys resolved here, once, as the
        // SDK's own clients are given them; a probe attempt is far shorter than the keys' lifetime.
        var keys = await awsCredentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        AWSCredentials signing = keys.UseToken ? new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.Token) : new BasicAWSCredentials(keys.AccessKey, keys.SecretKey);
        return new SecretsManagerClient(signing, region, new Uri(endpoint), witness.CreateHandler());
    }

    private TConfig Configure<TConfig>(TConfig config, string service, ConnectionWitness witness)
        where TConfig : ClientConfig
    {
        // One attempt is one call: retries belong to the runner (waitFor), and an SDK retry would turn a
        // throttle or a refusal into a slow, silent success or a longer timeout.
        config.MaxErrorRetry = 0;
        config.HttpClientFactory = new WitnessHttpClientFactory(witness);
        if (settings.RegionEndpoint is { } region)
        {
            config.RegionEndpoint = region;
        }

        if (settings.PlanEndpoint(service) is { } url)
        {
            config.ServiceURL = url;
        }

        // With a ServiceURL the SDK cannot derive the signing region from the host (http://127.0.0.1:5000).
        if (settings.Region is { } name)
        {
            config.AuthenticationRegion = name;
        }

        return config;
    }
}
