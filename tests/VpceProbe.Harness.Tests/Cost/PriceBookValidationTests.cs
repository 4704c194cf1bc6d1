using System.Text;
using System.Text.Json.Nodes;
using VpceProbe.Harness.Cost;

namespace VpceProbe.Harness.Tests.Cost;

/// <summary>A price file given with --prices is read as strictly as a plan: every error names the file and the line and column or the field.</summary>
public class PriceBookValidationTests
{
    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(PriceBook.DefaultPath))!.AsObject();

    private static PriceBookException Refused(byte[] bytes)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-prices-").FullName, "prices.json");
        File.WriteAllBytes(file, bytes);
        var error = Assert.Throws<PriceBookException>(() => PriceBook.Load(file));
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("VpceProbe.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static PriceBookException Refused(string text) => Refused(Encoding.UTF8.GetBytes(text));

    private static PriceBookException Refused(Action<JsonObject> edit)
    {
        var book = Shipped();
        edit(book);
        return Refused(book.ToJsonString());
    }

    private static JsonObject UsEast1(JsonObject book) => book["regions"]!["us-east-1"]!.AsObject();

    [Theory]
    [InlineData("{\"currency\": \"USD\", \"regions\": [1, 2]\n", ":2:1: the text ends before every { or [ is closed")]
    [InlineData("", ":1:1: the file is empty")]
    [InlineData("""{"currency": "USD",}""", ":1:20: not valid JSON")]
    public void a_file_that_is_not_json_is_refused_at_its_line_and_column(string text, string says) =>
        Assert.Contains(says, Refused(text).Message, StringComparison.Ordinal);

    [Fact]
    public void a_latin1_byte_is_refused_at_its_place_not_read_as_u_fffd() =>
        Assert.Contains(":1:15: byte 0xE9 is not UTF-8", Refused([.. Encoding.ASCII.GetBytes("{\"currency\": \""), 0xE9, .. Encoding.ASCII.GetBytes("\"}")]).Message, StringComparison.Ordinal);

    [Fact]
    public void a_file_over_one_megabyte_is_refused() =>
        Assert.Contains("larger than the limit of 1048576 bytes", Refused(new string(' ', 1024 * 1024 + 1)).Message, StringComparison.Ordinal);

    [Fact]
    public void an_unknown_field_is_refused_by_name() =>
        Assert.Contains("regionz: is not a field here", Refused(b => b["regionz"] = new JsonObject()).Message, StringComparison.Ordinal);

    [Fact]
    public void a_missing_field_is_named() =>
        Assert.Contains("a required field is missing: currency", Refused(b => b.Remove("currency")).Message, StringComparison.Ordinal);

    [Fact]
    public void a_key_given_twice_is_refused_not_last_one_wins()
    {
        var text = Shipped().ToJsonString().Replace("\"takenOn\":", "\"takenOn\": \"1999-01-01\", \"takenOn\":", StringComparison.Ordinal);
        Assert.Contains("takenOn: a key appears twice", Refused(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_price_that_is_a_string_is_refused_at_its_field() =>
        Assert.Contains("regions.us-east-1.natGatewayPerHour:", Refused(b => UsEast1(b)["natGatewayPerHour"] = "cheap").Message, StringComparison.Ordinal);

    [Fact]
    public void every_price_that_cannot_be_is_reported_at_once_by_field()
    {
        var error = Refused(b =>
        {
            b["hoursPerMonth"] = 0;
            UsEast1(b)["natGatewayPerGb"] = -0.045m;
            UsEast1(b)["interfaceEndpointPerGb"]![0]!["upToGb"] = null;
            UsEast1(b)["interfaceEndpointPerGb"]![1]!["perGb"] = -1;
            b["regions"]!["moon-1"] = UsEast1(b).DeepClone();
        });

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.Contains("hoursPerMonth: 0 is not a month's hours", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("regions['us-east-1'].natGatewayPerGb: -0.045 is negative", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("regions['us-east-1'].interfaceEndpointPerGb[0].upToGb: only the last tier may be unbounded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("regions['us-east-1'].interfaceEndpointPerGb[1].perGb: -1 is negative", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("regions['moon-1']: 'moon-1' is not an AWS region", StringComparison.Ordinal));
    }

    [Fact]
    public void tier_bounds_that_do_not_rise_are_refused() =>
        Assert.Contains("interfaceEndpointPerGb[1].upToGb: 10 does not rise above the tier before (1000000)",
            Refused(b => UsEast1(b)["interfaceEndpointPerGb"]![1]!["upToGb"] = 10).Message, StringComparison.Ordinal);

    [Fact]
    public void the_shipped_file_passes_the_same_checks() => Assert.Equal("USD", PriceBook.Load().Currency);
}
