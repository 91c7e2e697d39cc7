using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using StatusSite.Rendering;

namespace StatusSite.Tests;

/// <summary>The theme's encoder must write exactly what the framework's encoder it wraps writes.</summary>
public class AsciiScanningHtmlEncoderTests
{
    private static readonly HtmlEncoder Inner = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly HtmlEncoder Encoder = new AsciiScanningHtmlEncoder(Inner);

    [Theory]
    [InlineData("")]
    [InlineData("We are investigating elevated error rates.")]
    [InlineData("We're <not> \"done\" & 1+1 = 2 `yet`")]
    [InlineData("Café — naïve 日本 \u2028 end")]
    [InlineData("an emoji 🚀 and a lone surrogate \ud800 here")]
    [InlineData("control \u0001 and tab\t and newline\n")]
    public void Writes_what_the_inner_encoder_writes(string text)
    {
        Assert.Equal(Inner.Encode(text), Encoder.Encode(text));
        Assert.Equal(Inner.Encode(text), ThroughWriter(text, 0, text.Length));
    }

    [Fact]
    public void Text_with_nothing_to_escape_is_returned_as_it_is()
    {
        var text = "Resolved at 14:05 UTC.";
        Assert.Same(text, Encoder.Encode(text));
    }

    [Fact]
    public void Random_text_is_encoded_as_the_inner_encoder_encodes_it()
    {
        var random = new Random(20261127);
        string[] pieces = ["word", " ", "<", ">", "&", "\"", "'", "+", "`", "=", "é", "—", "日本", "🚀", "\ud800", "\udc00", "\u0000", "\u007f", "\u0085", "\u00a0", "\ufffe"];
        for (var n = 0; n < 5_000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 12); k > 0; k--)
            {
                text.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : pieces[random.Next(2)]);
            }

            var value = text.ToString();
            Assert.Equal(Inner.Encode(value), Encoder.Encode(value));
            var start = random.Next(value.Length + 1);
            var count = random.Next(value.Length - start + 1);
            Assert.Equal(Inner.Encode(value.Substring(start, count)), ThroughWriter(value, start, count));
        }
    }

    private static string ThroughWriter(string text, int start, int count)
    {
        var writer = new StringWriter();
        Encoder.Encode(writer, text, start, count);
        return writer.ToString();
    }
}
