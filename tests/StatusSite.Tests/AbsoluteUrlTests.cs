using System.Text;
using StatusSite.Presentation;

namespace StatusSite.Tests;

/// <summary>A page's address joined as text must be the address a URI parser resolves.</summary>
public class AbsoluteUrlTests
{
    [Theory]
    [InlineData("https://status.acme.example/", "")]
    [InlineData("https://status.acme.example/", "incidents/2026-11-26-api-errors/")]
    [InlineData("https://acme.example/status/", "feeds/components/api.xml")]
    [InlineData("https://acme.example/status/", "../up")]
    [InlineData("https://acme.example/status/", "a/./b/")]
    [InlineData("https://acme.example/status/", "/root")]
    [InlineData("https://acme.example/status/", "with space/é")]
    [InlineData("https://acme.example/status", "incidents/")]
    [InlineData("https://ACME.example/", "x#y?z")]
    public void Joins_as_a_uri_parser_resolves(string baseUrl, string path)
    {
        var root = new Uri(baseUrl);
        Assert.Equal(new Uri(root, path).AbsoluteUri, Routes.Absolute(root, path));
    }

    [Fact]
    public void Random_paths_join_as_a_uri_parser_resolves()
    {
        var random = new Random(20261127);
        var root = new Uri("https://acme.example/status/");
        string[] pieces = ["a", "incident-1", "2026", "/", "/", ".", "..", "-", "_", "~", "x.xml", "%20", " ", "#", "?", ":", "é", "//"];
        for (var n = 0; n < 5_000; n++)
        {
            var path = new StringBuilder();
            for (var k = random.Next(0, 8); k > 0; k--)
            {
                path.Append(pieces[random.Next(pieces.Length)]);
            }

            string expected;
            try
            {
                expected = new Uri(root, path.ToString()).AbsoluteUri;
            }
            catch (UriFormatException)
            {
                // Such as "//host:x": no address at all, as from the parser.
                Assert.Throws<UriFormatException>(() => Routes.Absolute(root, path.ToString()));
                continue;
            }

            Assert.Equal(expected, Routes.Absolute(root, path.ToString()));
        }
    }
}
