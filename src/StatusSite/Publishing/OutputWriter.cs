using System.Buffers;
using System.Text;
using StatusSite.Content;

namespace StatusSite.Publishing;

/// <summary>What was written; when <paramref name="Problems"/> has any, nothing was published.</summary>
public sealed record WriteResult(int Files, long Bytes, IReadOnlyList<Diagnostic>? Problems = null)
{
    public bool Published => Problems is not { Count: > 0 };
}

/// <summary>
/// Writes the whole site or nothing: every file goes to a temporary sibling folder, which then
/// replaces the output folder. A failure on the way, or a problem the <see cref="HtmlChecker"/>
/// finds in the rendered pages, leaves the previous output as it was.
/// </summary>
public static class OutputWriter
{
    public static async Task<WriteResult> WriteAsync(string outputDir, IReadOnlyList<OutputFile> files, int maxParallelism, HtmlChecker? checker = null, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        long bytes = 0;
        try
        {
            Directory.CreateDirectory(staging);
            await Parallel.ForEachAsync(
                files,
                new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
                async (file, token) =>
                {
                    var content = await file.Produce().ConfigureAwait(false);
                    try
                    {
                        var path = Path.Combine(staging, file.Path);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        Interlocked.Add(ref bytes, content.Bytes is { } produced ? Write(path, produced) : Write(path, content.Text.Span));
                        if (content.Bytes is { } html)
                        {
                            checker?.Inspect(file.Path, html);
                        }
                        else
                        {
                            checker?.Inspect(file.Path, content.Text);
                        }
                    }
                    finally
                    {
                        content.Release?.Invoke();
                    }
                }).ConfigureAwait(false);

            if (checker?.Check() is { Count: > 0 } problems)
            {
                TryDelete(staging);
                return new WriteResult(files.Count, bytes, problems);
            }

            Swap(staging, target, maxParallelism);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        return new WriteResult(files.Count, bytes);
    }

    // Synchronous writes: on Linux an "async" file write is a blocking call on the thread pool anyway.
    private static int Write(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        return content.Length;
    }

    /// <summary>Writes text as UTF-8 through a pooled buffer.</summary>
    private static int Write(string path, ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            File.WriteAllBytes(path, buffer.AsSpan(0, length));
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Swap(string staging, string target, int maxParallelism)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var old = staging + ".old";
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        DeleteInParallel(old, maxParallelism);
    }

    /// <summary>
    /// Deletes the replaced output. A large site is mostly one folder per page, and unlinking ten
    /// thousand of them is a quarter of a second of kernel time: the page folders go on every core.
    /// </summary>
    private static void DeleteInParallel(string folder, int maxParallelism)
    {
        try
        {
            var pageFolders = Directory.GetDirectories(folder).SelectMany(Directory.GetDirectories).ToArray();
            Parallel.ForEach(pageFolders, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, pageFolder => TryDelete(pageFolder));
        }
        catch (IOException)
        {
            // Whatever is left is deleted below, or left for the next build.
        }

        TryDelete(folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover staging folder is harmless; the next build uses a new name.
        }
    }
}
