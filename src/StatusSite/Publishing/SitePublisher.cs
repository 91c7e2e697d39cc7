using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using StatusSite.Core;
using StatusSite.Outputs;

namespace StatusSite.Publishing;

/// <summary>What was written; when <paramref name="Problems"/> has any, nothing was published.</summary>
public sealed record WriteResult(int Files, long Bytes, IReadOnlyList<Diagnostic>? Problems = null)
{
    public bool Published => Problems is not { Count: > 0 };
}

/// <summary>
/// Writes the whole site or nothing: every file goes to a temporary sibling folder, which then
/// replaces the output folder. A failure on the way, or a problem the <see cref="HtmlChecker"/>
/// finds in the rendered pages, leaves the previous output as it was. Every output holds the
/// <see cref="OutputFolder.MarkerName"/> file, and only a folder holding it (or a missing or empty
/// one) is replaced: see <see cref="OutputFolder.Claim"/>, which a build runs first.
/// </summary>
public static partial class SitePublisher
{
    public static async Task<WriteResult> WriteAsync(string outputDir, IReadOnlyList<OutputFile> files, int maxParallelism, HtmlChecker? checker = null, CancellationToken cancellationToken = default)
    {
        var target = OutputFolder.FullPath(outputDir);
        Directory.CreateDirectory(Path.GetDirectoryName(target) ?? throw new OutputRefusedException($"'{outputDir}' is the root of a filesystem; give --output a folder of its own"));
        var staging = OutputFolder.StagingFor(target);
        long bytes = 0;
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, OutputFolder.MarkerName), OutputFolder.MarkerText);
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

            // The folder may have changed while the site was rendered.
            OutputFolder.EnsureReplaceable(target, outputDir);
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

    /// <summary>
    /// Puts the staged site in the output's place. Where the platform can, the two folders are exchanged in
    /// one step, so the output path never goes missing, not even for a reader or a kill at that moment.
    /// Elsewhere the old site is renamed aside first; a build killed between the two renames leaves it as
    /// '….old', which the next build puts back (<see cref="OutputFolder.Claim"/>).
    /// </summary>
    private static void Swap(string staging, string target, IReadOnlyList<OutputFile> files, int maxParallelism)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        if (Exchange(staging, target))
        {
            DeleteReplaced(staging, files, maxParallelism);
            return;
        }

        var old = staging + OutputFolder.OldSuffix;
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

    /// <summary>
    /// Exchanges two folders in one atomic step: Linux's renameat2 with RENAME_EXCHANGE (since Linux 3.15 and
    /// glibc 2.28). False where the platform, the C library or the filesystem cannot; nothing has moved then.
    /// </summary>
    internal static bool Exchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return RenameAt2(AtCurrentWorkingDirectory, a, AtCurrentWorkingDirectory, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private const int AtCurrentWorkingDirectory = -100;
    private const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    internal static void TryDelete(string folder)
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
            // A leftover staging folder is harmless; the next build removes it.
        }
    }
}
