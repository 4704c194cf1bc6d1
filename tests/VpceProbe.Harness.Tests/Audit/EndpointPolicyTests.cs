using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Tests.Audit;

public class EndpointPolicyTests
{
    [Theory]
    [InlineData(null, PolicyBreadth.FullAccess)]
    [InlineData("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", PolicyBreadth.FullAccess)]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["*"],"Resource":"*"}}""", PolicyBreadth.FullAccess)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]}""", PolicyBreadth.OpenPrincipal)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::twtech-secure-bucket/*"]}]}""", PolicyBreadth.OpenPrincipal)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}""", PolicyBreadth.Restricted)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"*"}]}""", PolicyBreadth.Restricted)]
    [InlineData("not json", PolicyBreadth.Unparseable)]
    [InlineData("""{"Version":"2012-10-17"}""", PolicyBreadth.Unparseable)]
    [InlineData("""{"Statement":[]}""", PolicyBreadth.Unparseable)]
    public void policies_are_classified_by_how_much_they_allow(string? policy, PolicyBreadth expected)
    {
        Assert.Equal(expected, EndpointPolicy.Classify(policy));
    }
}
