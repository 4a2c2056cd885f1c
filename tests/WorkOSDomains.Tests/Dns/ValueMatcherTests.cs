using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Tests.Dns;

public class ValueMatcherTests
{
    private const string T = "Tok3nValue";

    [Theory]
    [InlineData(new[] { T }, "Exact")]
    [InlineData(new[] { "Tok3n", "Value" }, "Exact")]
    [InlineData(new[] { "verification_token=" + T }, "Exact")]
    [InlineData(new[] { " " + T + "\t" }, "Whitespace")]
    [InlineData(new[] { "\"" + T + "\"" }, "Quoted")]
    [InlineData(new[] { "\u201c" + T + "\u201d" }, "Quoted")]
    [InlineData(new[] { "workos=" + T }, "PrefixMismatch")]
    [InlineData(new[] { "tok3nvalue" }, "CaseMismatch")]
    [InlineData(new[] { "something else" }, "None")]
    public void Each_rung_of_the_ladder(string[] strings, string level) =>
        Assert.Equal(level, ValueMatcher.Match(T, [strings]).Level.ToString());

    [Fact]
    public void The_best_record_wins_and_split_strings_are_noted()
    {
        MatchResult r = ValueMatcher.Match(T, [["old"], ["Tok3n", "Value"]]);
        Assert.Equal(MatchLevel.Exact, r.Level);
        Assert.True(r.SplitStrings);
        Assert.Equal(2, r.RecordCount);
    }

    [Fact]
    public void A_token_split_across_records_in_any_order_is_recognised()
    {
        Assert.Equal(MatchLevel.SplitRecords, ValueMatcher.Match(T, [["Value"], ["Tok3n"]]).Level);
        Assert.Equal(MatchLevel.None, ValueMatcher.Match(T, [["Value"], ["Other"]]).Level);
    }

    [Theory]
    [InlineData("https://contoso.test", "tok", null, "Domain")]
    [InlineData("contoso.test", "", null, "Token")]
    [InlineData("contoso.test", "\"tok\"", null, "Token")]
    [InlineData("contoso.test", "tok", "_bad prefix", "Prefix")]
    [InlineData("contoso.test", "tok", "a..b", "Prefix")]
    public void Bad_input_names_the_parameter(string domain, string token, string? prefix, string parameter)
    {
        var e = Assert.Throws<InvalidInputException>(() => DnsChallenge.Create(domain, token, prefix));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void A_prefixed_token_argument_is_taken_as_the_token()
    {
        Assert.Equal("abc", DnsChallenge.Create("contoso.test", "verification_token=abc", null).Token);
    }
}
