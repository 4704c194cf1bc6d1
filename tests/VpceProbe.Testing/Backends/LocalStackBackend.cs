using Testcontainers.LocalStack;

namespace VpceProbe.Testing.Backends;

/// <summary>
/// LocalStack through Testcontainers, pinned like localstack/compose.yaml: 4.14 runs without an account;
/// a newer image needs LOCALSTACK_AUTH_TOKEN, passed through when set (LOCALSTACK_IMAGE picks the image).
/// </summary>
public sealed class LocalStackBackend : IAsyncDisposable
{
    public const string DefaultImage = "localstack/localstack:4.14";

    private readonly LocalStackContainer _container;

    private LocalStackBackend(LocalStackContainer container) => _container = container;

    public string EndpointUrl => _container.GetConnectionString();

    public static async Task<LocalStackBackend> StartAsync(CancellationToken cancellationToken)
    {
        var image = Environment.GetEnvironmentVariable("LOCALSTACK_IMAGE") ?? DefaultImage;
        var builder = new LocalStackBuilder(image).WithEnvironment("SERVICES", "ec2,s3,ssm,secretsmanager,sts,iam");
        var token = Environment.GetEnvironmentVariable("LOCALSTACK_AUTH_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            builder = builder.WithEnvironment("LOCALSTACK_AUTH_TOKEN", token);
        }

        var container = builder.Build();
        await container.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalStackBackend(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
