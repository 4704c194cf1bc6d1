using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.Gateway;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>
/// The gateway started in-process on a free loopback port in front of the shared moto, with a fake data plane
/// and fake SSM reachability. SDK clients point at it exactly as the harness points at a lab.
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly IAsyncDisposable _running;

    private TestGateway(IAsyncDisposable running, Uri url, FakeDataPlane dataPlane, FakeReachability reachability, LabState state, TimeProvider time)
    {
        _running = running;
        Url = url;
        DataPlane = dataPlane;
        Reachability = reachability;
        State = state;
        Time = time;
    }

    public Uri Url { get; }

    public FakeDataPlane DataPlane { get; }

    public FakeReachability Reachability { get; }

    public LabState State { get; }

    public TimeProvider Time { get; }

    public static async Task<TestGateway> StartAsync(
        MotoServer moto, GatewayOptions? options = null, TimeProvider? time = null, TimeSpan? endpointPendingTime = null,
        Action<FakeDataPlane>? configure = null)
    {
        time ??= TimeProvider.System;
        var dataPlane = new FakeDataPlane();
        configure?.Invoke(dataPlane);
        var reachability = new FakeReachability();
        var state = new LabState(time, endpointPendingTime ?? TimeSpan.FromSeconds(2));
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var lab = new LabContext("test", MotoServer.Region, new Uri(moto.Url), url, dataPlane, state, SelfSignedCertificate(), time);
        var running = await LabGateway.StartAsync(lab, options ?? GatewayOptions.Default, reachability, TestContext.Current.CancellationToken);
        return new TestGateway(running, url, dataPlane, reachability, state, time);
    }

    public AmazonEC2Client Ec2() => new(Credentials, new AmazonEC2Config { ServiceURL = Url.ToString(), AuthenticationRegion = MotoServer.Region, MaxErrorRetry = 0 });

    public AmazonSimpleSystemsManagementClient Ssm() =>
        new(Credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = Url.ToString(), AuthenticationRegion = MotoServer.Region, MaxErrorRetry = 0 });

    public AmazonS3Client S3() =>
        new(Credentials, new AmazonS3Config { ServiceURL = Url.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true, MaxErrorRetry = 0 });

    public static FakeTimeProvider FakeTime() => new(DateTimeOffset.UtcNow);

    public static BasicAWSCredentials Credentials => new(MotoServer.AccessKey, MotoServer.SecretKey);

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=*.us-east-1.amazonaws.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _running.DisposeAsync();
        DataPlane.Dispose();
    }
}
