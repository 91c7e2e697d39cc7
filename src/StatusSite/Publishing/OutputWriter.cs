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

            Swap(staging, target, files, maxParallelism);
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

    private static void Swap(string staging, string target, IReadOnlyList<OutputFile> files, int maxParallelism)
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

        DeleteReplaced(old, files, maxParallelism);
    }

    /// <summary>
    /// Deletes the replaced output. A large site is mostly one folder per page, and a recursive delete
    /// spends eight system calls on each (it tries the folder, lists it, then empties it). The
    /// replaced site almost always has the pages the new one has, so those files are unlinked and
    /// their one-page folders removed directly, on every core; whatever else it held goes with the
    /// recursive delete after.
    /// </summary>
    private static void DeleteReplaced(string folder, IReadOnlyList<OutputFile> files, int maxParallelism)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        var filesIn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var directory = Path.GetDirectoryName(file.Path) ?? "";
            filesIn[directory] = filesIn.GetValueOrDefault(directory) + 1;
            var parent = Path.GetDirectoryName(directory);
            while (!string.IsNullOrEmpty(parent) && parents.Add(parent))
            {
                parent = Path.GetDirectoryName(parent);
            }
        }

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, file =>
        {
            var directory = Path.GetDirectoryName(file.Path) ?? "";
            try
            {
                File.Delete(Path.Combine(folder, file.Path));
                if (directory.Length > 0 && filesIn[directory] == 1 && !parents.Contains(directory))
                {
                    Directory.Delete(Path.Combine(folder, directory));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not there, a folder where the new site has a file, or a folder that holds more than
                // the new site put in it: the recursive delete below takes it.
            }
        });

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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover staging folder is harmless; the next build uses a new name.
        }
    }
}
