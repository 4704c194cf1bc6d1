using System.Net.Http.Json;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// `lab up`'s side of the control API (/_lab/… on the lab's endpoint): how the faults asked for with `--faults`
/// are put in force once the lab is seeded, so they hit the system under test and never the lab's own seeding.
/// </summary>
internal static class LabControlClient
{
    /// <exception cref="LabCommandException">The gateway refused the settings or did not answer.</exception>
    public static async Task ApplyFaultsAsync(Uri gatewayUrl, FaultSettings faults, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.PutAsJsonAsync("/_lab/faults", FaultsBody.From(faults), ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new LabCommandException($"the lab refused the faults: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new LabCommandException($"could not set the faults on {gatewayUrl}: {e.Message}");
        }
    }
}
