using VpceProbe.Harness.Cost;

namespace VpceProbe.Harness.Tests.Cost;

public class PriceBookTests
{
    [Fact]
    public void the_shipped_price_file_has_us_east_1_with_its_date_and_sources()
    {
        var book = PriceBook.Load();

        var prices = book.For("us-east-1");
        Assert.Equal((0.01m, 0.045m, 0.045m), (prices.InterfaceEndpointPerAzHour, prices.NatGatewayPerHour, prices.NatGatewayPerGb));
        Assert.Equal(0.01m, prices.InterfaceEndpointPerGb[0].PerGb);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", book.TakenOn);
        Assert.Contains(prices.Sources, s => s.StartsWith("https://aws.amazon.com/privatelink/pricing/", StringComparison.Ordinal));
        Assert.Equal(730m, book.HoursPerMonth);
    }

    [Fact]
    public void a_region_without_prices_is_an_error_naming_the_region_and_the_file()
    {
        var book = PriceBook.Load();

        var error = Assert.Throws<PriceBookException>(() => book.For("eu-south-7"));

        Assert.Contains("eu-south-7", error.Message, StringComparison.Ordinal);
        Assert.Contains("prices.json", error.Message, StringComparison.Ordinal);
    }
}
