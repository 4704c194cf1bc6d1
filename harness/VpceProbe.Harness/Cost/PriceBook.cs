using System.Text.Json;
using System.Text.Json.Serialization;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Cost;

/// <summary>One step of a per-GB price: this rate up to <see cref="UpToGb"/> GB a month (null: no upper bound).</summary>
internal sealed record PriceTier(decimal? UpToGb, decimal PerGb);

/// <summary>The prices of one region, with where they were read.</summary>
internal sealed record RegionPrices(
    decimal InterfaceEndpointPerAzHour,
    IReadOnlyList<PriceTier> InterfaceEndpointPerGb,
    decimal NatGatewayPerHour,
    decimal NatGatewayPerGb,
    IReadOnlyList<string> Sources);

/// <summary>
/// The price data file (harness/VpceProbe.Harness/Cost/prices.json, copied next to the program), or the
/// file given with --prices. Prices change: the file says when they were taken and from where, and every
/// cost output repeats that.
/// </summary>
internal sealed record PriceBook(string Currency, string TakenOn, decimal HoursPerMonth, IReadOnlyDictionary<string, RegionPrices> Regions)
{
    public const int SupportedSchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = Inputs.JsonInput.Strict(new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip });

    public int SchemaVersion { get; init; } = SupportedSchemaVersion;

    /// <summary>Free text for whoever edits the file (where the prices come from, what is left out).</summary>
    public string? Notes { get; init; }

    /// <summary>The file the prices were read from (set by <see cref="Load"/>).</summary>
    [JsonIgnore]
    public string Path { get; init; } = "";

    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "Cost", "prices.json");

    /// <summary>
    /// Read as a plan is: at most 1 MB of UTF-8 without control characters, then JSON whose every field is known and
    /// given once, then every price checked (<see cref="PriceBookValidator"/>); every error names the file and the line
    /// and column or the field.
    /// </summary>
    /// <exception cref="PriceBookException">The file is missing, not JSON, lacks a field, or has a price that cannot be.</exception>
    public static PriceBook Load(string? path = null)
    {
        path ??= DefaultPath;
        string text;
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[InputLimits.MaxBytes + 1];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (InputText.Decode(buffer.AsSpan(0, length), out text) is { } problem)
            {
                throw new PriceBookException(problem.Line > 0 ? $"{path}:{problem.Line}:{problem.Column}: {problem.Message}" : $"{path}: {problem.Message}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PriceBookException($"cannot read prices from {path}: {e.Message}");
        }

        PriceBook book;
        try
        {
            Inputs.JsonInput.CheckSyntax(text);
            book = JsonSerializer.Deserialize<PriceBook>(text, Json) ?? throw new PriceBookException($"{path}: the price file is null; write an object as in Cost/prices.json");
        }
        catch (JsonException e)
        {
            throw new PriceBookException($"{Inputs.JsonInput.Describe(path, e)} (a price file is laid out as Cost/prices.json)");
        }

        if (PriceBookValidator.Validate(book) is { Count: > 0 } errors)
        {
            throw new PriceBookException(string.Join(Environment.NewLine + "error: ", errors.Select(e => $"{path}: {e}")));
        }

        return book with { Path = System.IO.Path.GetFullPath(path) };
    }

    /// <exception cref="PriceBookException">The file has no prices for <paramref name="region"/>.</exception>
    public RegionPrices For(string region) =>
        Regions.TryGetValue(region, out var prices)
            ? prices
            : throw new PriceBookException(
                $"{Path} has no prices for {region} (it has {string.Join(", ", Regions.Keys)}); pass --prices with a file that does.");
}

/// <summary>The price data cannot be used: a usage error (exit code 2), nothing was estimated.</summary>
internal sealed class PriceBookException(string message) : Exception(message);
