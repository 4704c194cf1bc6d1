using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Cost;

/// <summary>One step of a per-GB price: this rate up to <see cref="UpToGb"/> GB a month (null: no upper bound).</summary>
public sealed record PriceTier(decimal? UpToGb, decimal PerGb);

/// <summary>The prices of one region, with where they were read.</summary>
public sealed record RegionPrices(
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
public sealed record PriceBook(string Currency, string TakenOn, decimal HoursPerMonth, IReadOnlyDictionary<string, RegionPrices> Regions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The file the prices were read from (set by <see cref="Load"/>).</summary>
    [JsonIgnore]
    public string Path { get; init; } = "";

    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "Cost", "prices.json");

    /// <exception cref="PriceBookException">The file is missing, not JSON, or lacks a field.</exception>
    public static PriceBook Load(string? path = null)
    {
        path ??= DefaultPath;
        try
        {
            var book = JsonSerializer.Deserialize<PriceBook>(File.ReadAllText(path), Json)
                ?? throw new PriceBookException($"{path}: empty price file");
            if (book.Regions is null || book.TakenOn is null || book.HoursPerMonth <= 0)
            {
                throw new PriceBookException($"{path}: a price file needs currency, takenOn, hoursPerMonth and regions");
            }

            return book with { Path = System.IO.Path.GetFullPath(path) };
        }
        catch (IOException e)
        {
            throw new PriceBookException($"cannot read prices from {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new PriceBookException($"{path} is not a valid price file: {e.Message}");
        }
    }

    /// <exception cref="PriceBookException">The file has no prices for <paramref name="region"/>.</exception>
    public RegionPrices For(string region) =>
        Regions.TryGetValue(region, out var prices)
            ? prices
            : throw new PriceBookException(
                $"{Path} has no prices for {region} (it has {string.Join(", ", Regions.Keys)}); pass --prices with a file that does.");
}

/// <summary>The price data cannot be used: a usage error (exit code 2), nothing was estimated.</summary>
public sealed class PriceBookException(string message) : Exception(message);
