namespace StatusSite.Publishing;

/// <summary>One file of the site: its path relative to the output folder ('/' separators) and how to produce its bytes.</summary>
public sealed record OutputFile(string Path, Func<Task<byte[]>> Produce)
{
    public static OutputFile Text(string path, Func<Task<string>> produce) =>
        new(path, async () => Utf8.GetBytes(Normalize(await produce().ConfigureAwait(false))));

    public static OutputFile Text(string path, Func<string> produce) =>
        new(path, () => Task.FromResult(Utf8.GetBytes(Normalize(produce()))));

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>'\n' line endings everywhere, whatever produced the text.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
