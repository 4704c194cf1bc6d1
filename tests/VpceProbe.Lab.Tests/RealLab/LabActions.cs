using System.Net.Http.Json;
using System.Text.Json;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The lab's control routes for the actions it served and the caller's permissions (PermissionsControl).</summary>
internal sealed class LabActions(Uri gateway) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { BaseAddress = gateway };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task ClearAsync() => (await _http.DeleteAsync("/_lab/actions", Ct)).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<RecordedAction>> ReadAsync() =>
        await _http.GetFromJsonAsync<List<RecordedAction>>("/_lab/actions", Web, Ct) ?? [];

    public async Task DenyAsync(string action) => (await _http.PostAsync($"/_lab/permissions/deny/{action}", null, Ct)).EnsureSuccessStatusCode();

    /// <summary>Loads IAM policy documents as the caller's permissions; everything else is refused.</summary>
    public async Task LoadPoliciesAsync(IEnumerable<JsonElement> policies) =>
        (await _http.PutAsJsonAsync("/_lab/permissions", new { policies }, Ct)).EnsureSuccessStatusCode();

    public async Task ResetPermissionsAsync() => (await _http.DeleteAsync("/_lab/permissions", CancellationToken.None)).EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}
