using System.Globalization;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Cost;

/// <summary>
/// What a price file must mean, beyond its shape: a known schema version, a currency and a date, a month of at most
/// 744 hours (31 days), region names, no negative price, and data tiers whose bounds rise, only the last unbounded.
/// A negative price or tiers out of order would print an estimate nobody could trust. Every error at once, by field.
/// </summary>
internal static class PriceBookValidator
{
    private const decimal MaxHoursPerMonth = 744;

    public static IReadOnlyList<string> Validate(PriceBook book)
    {
        var errors = new List<string>();
        if (book.SchemaVersion != PriceBook.SupportedSchemaVersion)
        {
            errors.Add($"schemaVersion: {book.SchemaVersion.ToString(CultureInfo.InvariantCulture)} is not supported; this vpceprobe reads {PriceBook.SupportedSchemaVersion}");
        }

        if (string.IsNullOrWhiteSpace(book.Currency))
        {
            errors.Add("currency: is empty; write the currency of the prices, such as USD");
        }

        if (string.IsNullOrWhiteSpace(book.TakenOn))
        {
            errors.Add("takenOn: is empty; write the date the prices were read, such as 2026-11-28");
        }

        if (book.HoursPerMonth is <= 0 or > MaxHoursPerMonth)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"hoursPerMonth: {book.HoursPerMonth} is not a month's hours; write one from 1 to {MaxHoursPerMonth} (AWS bills 730)"));
        }

        if (book.Regions.Count == 0)
        {
            errors.Add("regions: is empty; give the prices of at least one region");
        }

        foreach (var (region, prices) in book.Regions)
        {
            var at = $"regions['{region}']";
            if (!Regions.IsValid(region))
            {
                errors.Add($"{at}: {Regions.Problem(region)}");
            }

            NotNegative(errors, $"{at}.interfaceEndpointPerAzHour", prices.InterfaceEndpointPerAzHour);
            NotNegative(errors, $"{at}.natGatewayPerHour", prices.NatGatewayPerHour);
            NotNegative(errors, $"{at}.natGatewayPerGb", prices.NatGatewayPerGb);
            Tiers(errors, $"{at}.interfaceEndpointPerGb", prices.InterfaceEndpointPerGb);
        }

        return errors;
    }

    private static void Tiers(List<string> errors, string at, IReadOnlyList<PriceTier> tiers)
    {
        if (tiers.Count == 0)
        {
            errors.Add($"{at}: is empty; give at least one tier, the last without upToGb");
        }

        decimal below = 0;
        for (var i = 0; i < tiers.Count; i++)
        {
            NotNegative(errors, $"{at}[{i}].perGb", tiers[i].PerGb);
            switch (tiers[i].UpToGb)
            {
                case null when i < tiers.Count - 1:
                    errors.Add($"{at}[{i}].upToGb: only the last tier may be unbounded (no upToGb)");
                    break;
                case { } top when top <= below:
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}[{i}].upToGb: {top} does not rise above the tier before ({below}); bounds go up"));
                    break;
                case { } top:
                    below = top;
                    break;
            }
        }
    }

    private static void NotNegative(List<string> errors, string at, decimal price)
    {
        if (price < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: {price} is negative; a price is 0 or more"));
        }
    }
}
