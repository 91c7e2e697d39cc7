namespace StatusSite.Publishing;

/// <summary>
/// What producing a file gives: its bytes and, when it was produced as text, that text, so the
/// <see cref="HtmlChecker"/> reads a rendered page as it was rendered instead of decoding the bytes again.
/// </summary>
public readonly record struct OutputContent(byte[] Bytes, string? Text);

/// <summary>One file of the site: its path relative to the output folder ('/' separators) and how to produce it.</summary>
public sealed record OutputFile(string Path, Func<Task<OutputContent>> Produce)
{
    /// <summary>A file produced as bytes, such as a theme asset or a feed.</summary>
    public OutputFile(string path, Func<Task<byte[]>> produce)
        : this(path, async () => new OutputContent(await produce().ConfigureAwait(false), null))
    {
    }

    public static OutputFile Text(string path, Func<Task<string>> produce) =>
        new(path, async () => Encode(await produce().ConfigureAwait(false)));

    public static OutputFile Text(string path, Func<string> produce) =>
        new(path, () => Task.FromResult(Encode(produce())));

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>'\n' line endings everywhere, whatever produced the text.</summary>
    private static OutputContent Encode(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return new OutputContent(Utf8.GetBytes(normalized), normalized);
    }
}
