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
                    var path = Path.Combine(staging, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);

                    // A synchronous write: on Linux an "async" file write is a blocking call on the thread pool anyway.
                    File.WriteAllBytes(path, content.Bytes);
                    if (content.Text is { } text)
                    {
                        checker?.Inspect(file.Path, text);
                    }
                    else
                    {
                        checker?.Inspect(file.Path, content.Bytes);
                    }

                    Interlocked.Add(ref bytes, content.Bytes.Length);
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
