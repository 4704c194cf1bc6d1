using System.Globalization;

namespace VpceProbe.Harness.Cost;

/// <summary>Prices quoted in texts that are not a cost report (the audit's "Why"), always for the VPC's own region.</summary>
internal static class ShippedPrices
{
    private static readonly Lazy<PriceBook?> Book = new(() =>
    {
        try
        {
            return PriceBook.Load();
        }
        catch (PriceBookException)
        {
            return null; // a text without a figure is better than an audit that fails over a price
        }
    });

    /// <summary>"us-east-2: $0.045/GB (list price of 2026-11-28)", or where to look when the shipped file lacks the region.</summary>
    public static string NatPerGb(string region) =>
        Book.Value is { } book && book.Regions.TryGetValue(region, out var prices)
            ? string.Create(CultureInfo.InvariantCulture, $"{region}: ${prices.NatGatewayPerGb}/GB, list price of {book.TakenOn}")
            : $"{region}: see https://aws.amazon.com/vpc/pricing/";
}
