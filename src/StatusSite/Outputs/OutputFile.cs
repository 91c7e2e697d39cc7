using System.Collections.Concurrent;
using System.Text;

namespace StatusSite.Outputs;

/// <summary>
/// What producing a file gives: its bytes, or its text, which the writer encodes and the
/// <see cref="HtmlChecker"/> reads as it was rendered. A rendered page's text lies in a buffer
/// the writer lends; <paramref name="Release"/> gives it back once the page is written and checked.
/// </summary>
public readonly record struct OutputContent(byte[]? Bytes, ReadOnlyMemory<char> Text, Action? Release = null);

/// <summary>One file of the site: its path relative to the output folder ('/' separators) and how to produce it.</summary>
public sealed record OutputFile(string Path, Func<Task<OutputContent>> Produce)
{
    /// <summary>A file produced as bytes, such as a theme asset or a feed.</summary>
    public OutputFile(string path, Func<Task<byte[]>> produce)
        : this(path, async () => new OutputContent(await produce().ConfigureAwait(false), default))
    {
    }

    public static OutputFile Text(string path, Func<string> produce) =>
        new(path, () => Task.FromResult(new OutputContent(null, Normalized(produce()).AsMemory())));

    /// <summary>A page rendered into a buffer from a small pool: at 10,000 pages, a string and a byte array per page were a quarter of all allocation.</summary>
    public static OutputFile Page(string path, Func<StringBuilder, Task> render) =>
        new(path, async () =>
        {
            var text = Buffers.TryPop(out var pooled) ? pooled.Clear() : new StringBuilder(TextCapacity);
            try
            {
                await render(text).ConfigureAwait(false);
            }
            catch
            {
                Return(text);
                throw;
            }

            return new OutputContent(null, TextOf(text), () => Return(text));
        });

    /// <summary>Characters a page buffer starts with: most pages fit, and it stays below the large-object heap.</summary>
    private const int TextCapacity = 32 * 1024;

    private static readonly ConcurrentStack<StringBuilder> Buffers = new();

    private static void Return(StringBuilder text)
    {
        // A buffer grown by a very large page is let go, and a few are enough for every core.
        if (text.Capacity <= 8 * TextCapacity && Buffers.Count < 4 * Environment.ProcessorCount)
        {
            Buffers.Push(text);
        }
    }

    /// <summary>The buffer's text without copying it when it is one piece, as a reused buffer is; '\n' line endings.</summary>
    private static ReadOnlyMemory<char> TextOf(StringBuilder text)
    {
        ReadOnlyMemory<char>? only = null;
        foreach (var chunk in text.GetChunks())
        {
            if (only is not null)
            {
                return Normalized(text.ToString()).AsMemory();
            }

            only = chunk;
        }

        var memory = only ?? ReadOnlyMemory<char>.Empty;
        return memory.Span.Contains('\r') ? Normalized(memory.ToString()).AsMemory() : memory;
    }

    /// <summary>'\n' line endings everywhere, whatever produced the text.</summary>
    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
