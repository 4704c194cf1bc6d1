namespace VpceProbe.Contract.Tests;

public class PlanValidatorTests
{
    [Fact]
    public void valid_plan_has_no_errors()
    {
        var result = PlanReader.FromJson("""
            {"schemaVersion":1,"probes":[{"id":"a","kind":"tcp","host":"127.0.0.1","port":443,"expect":"reachable","timeout":"2s"}]}
            """);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("""{"probes":[{"id":"a","kind":"tcp","host":"h","expect":"reachable"}]}""", "probes[0].port")]
    [InlineData("""{"probes":[{"id":"a","kind":"tcp","host":"h","port":70000,"expect":"reachable"}]}""", "probes[0].port")]
    [InlineData("""{"probes":[{"id":"a","kind":"dnz","name":"x","expect":"private"}]}""", "probes[0].kind")]
    [InlineData("""{"probes":[{"id":"a","kind":"dns","name":"x","expect":"reachable"}]}""", "probes[0].expect")]
    [InlineData("""{"probes":[{"id":"a","kind":"dns","expect":"private"}]}""", "probes[0].name")]
    [InlineData("""{"probes":[{"id":"a","kind":"http","url":"ftp://x","expect":"200"}]}""", "probes[0].url")]
    [InlineData("""{"probes":[{"id":"a","kind":"secret","expect":"allowed"}]}""", "probes[0].secretId")]
    [InlineData("""{"probes":[{"id":"a","kind":"tcp","host":"h","port":1,"expect":"reachable","timeout":"5 parsecs"}]}""", "probes[0].timeout")]
    [InlineData("""{"probes":[{"id":"a","kind":"sts","expect":"allowed"},{"id":"a","kind":"sts","expect":"allowed"}]}""", "probes[1].id")]
    [InlineData("""{"probes":[{"id":"a","kind":"tcp","host":"h","prot":1,"expect":"reachable"}]}""", "probes[0].prot")]
    [InlineData("""{"schemaVersion":9,"probes":[{"id":"a","kind":"sts","expect":"allowed"}]}""", "schemaVersion")]
    [InlineData("""{"vpcCidrs":["10.0.0.0/33"],"probes":[{"id":"a","kind":"sts","expect":"allowed"}]}""", "vpcCidrs[0]")]
    [InlineData("""{"probes":[]}""", "probes")]
    [InlineData("""{"schemaVersion":1}""", "probes")]
    [InlineData("""{"probes":[{"id":"a","kind":"sts","expect":"allowed"}]}""", "schemaVersion")]
    [InlineData("""{"schemaVersion":1,"probes":[{"id":"a","kind":"tcp","host":"h","port":1}]}""", "probes[0].expect")]
    public void bad_plan_names_the_offending_field(string json, string field)
    {
        var result = PlanReader.FromJson(json);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field);
    }
}
