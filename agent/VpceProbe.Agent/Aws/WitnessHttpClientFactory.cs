using Amazon.Runtime;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// Gives SDK clients an HttpClient over the attempt's <see cref="ConnectionWitness"/>. Not cached by the SDK:
/// a cached client would reuse a connection from an earlier attempt and hide whether this one could connect.
/// </summary>
internal sealed class WitnessHttpClientFactory(ConnectionWitness witness) : HttpClientFactory
{
    // The probe's cancellation token is the timeout; HttpClient's own 100 s default would only add a second clock.
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(witness.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
