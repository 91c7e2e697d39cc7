using System.Text;
using System.Text.Encodings.Web;

namespace StatusSite.Rendering;

/// <summary>
/// Encodes exactly as the encoder it wraps, finding what to encode with a table in this assembly.
/// The framework's encoders search with vectorized generic code that the ahead-of-time compiled
/// framework does not hold for this machine's instruction set, so it ran unoptimized for most of a
/// large build: 5 % of all CPU time at 10,000 pages went to finding the first character to escape.
/// ASCII text is scanned here; an ASCII character that must be escaped is replaced by what the
/// inner encoder makes of it; from the first other character on, the inner encoder does the rest.
/// </summary>
internal sealed class AsciiScanningHtmlEncoder : HtmlEncoder
{
    private readonly HtmlEncoder _inner;

    /// <summary>For each ASCII character, what the inner encoder writes for it, or null when it is left as it is.</summary>
    private readonly string?[] _ascii = new string?[128];

    public AsciiScanningHtmlEncoder(HtmlEncoder inner)
    {
        _inner = inner;
        for (var c = 0; c < _ascii.Length; c++)
        {
            if (inner.WillEncode(c))
            {
                _ascii[c] = inner.Encode(((char)c).ToString());
            }
        }
    }

    public override int MaxOutputCharactersPerInputCharacter => _inner.MaxOutputCharactersPerInputCharacter;

    public override bool WillEncode(int unicodeScalar) => _inner.WillEncode(unicodeScalar);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        _inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        _inner.FindFirstCharacterToEncode(text, textLength);

    public override string Encode(string value)
    {
        var first = FirstToEncode(value.AsSpan());
        if (first < 0)
        {
            return value;
        }

        var encoded = new StringBuilder(value.Length + 16);
        using (var writer = new StringWriter(encoded))
        {
            Encode(writer, value, 0, value.Length);
        }

        return encoded.ToString();
    }

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        var text = value.AsSpan(startIndex, characterCount);
        var table = _ascii;
        var plainFrom = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= table.Length)
            {
                output.Write(text[plainFrom..i]);
                _inner.Encode(output, value, startIndex + i, characterCount - i);
                return;
            }

            if (table[c] is { } escaped)
            {
                output.Write(text[plainFrom..i]);
                output.Write(escaped);
                plainFrom = i + 1;
            }
        }

        output.Write(text[plainFrom..]);
    }

    /// <summary>The index of the first character the inner encoder would change, or -1.</summary>
    private int FirstToEncode(ReadOnlySpan<char> text)
    {
        var table = _ascii;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= table.Length || table[c] is not null)
            {
                return i;
            }
        }

        return -1;
    }
}
