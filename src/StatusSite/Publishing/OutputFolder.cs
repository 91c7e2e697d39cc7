using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StatusSite.Publishing;

/// <summary>The output folder may not be replaced; nothing was written. The message says what to do instead.</summary>
public sealed class OutputRefusedException(string message) : Exception(message);

/// <summary>
/// Which folder a build may replace. A build replaces its output whole, so it takes only a missing folder, an
/// empty one, or one it wrote itself (which holds <see cref="MarkerName"/>); never the content, the theme, the
/// working folder, its Git repository, the home folder or a filesystem root, nor a folder holding any of them.
/// It also clears what a killed build left beside the output, and puts back an output a killed swap left missing.
/// </summary>
public static partial class OutputFolder
{
    /// <summary>The file at the root of every output the build writes: what marks a folder as one it may replace.</summary>
    public const string MarkerName = ".statussite-output";

    public const string MarkerText = "This folder is written by 'statussite build', which replaces all of it on every build: keep nothing else here.\n";

    /// <summary>The suffix of the replaced site while a swap that cannot exchange the two folders in one step is under way.</summary>
    internal const string OldSuffix = ".old";

    private const string PickAnother = "a build replaces the whole --output folder, so give it a folder of its own, such as _site";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Checks, before anything is written, that the build may replace <paramref name="outputDir"/>, then removes the
    /// staging folders a killed build left beside it. Throws <see cref="OutputRefusedException"/> when it may not.
    /// </summary>
    public static void Claim(string outputDir, string inputDir, string themeDir)
    {
        var target = FullPath(outputDir);
        if (Path.GetDirectoryName(target) is null)
        {
            throw new OutputRefusedException($"'{outputDir}' is the root of a filesystem; {PickAnother}");
        }

        foreach (var (folder, what) in Protected(inputDir, themeDir))
        {
            if (Contains(target, folder))
            {
                throw new OutputRefusedException(string.Equals(target, folder, PathComparison)
                    ? $"'{outputDir}' is {what}; {PickAnother}"
                    : $"'{outputDir}' holds {what}; {PickAnother}");
            }
        }

        try
        {
            Recover(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputRefusedException($"the folder around '{outputDir}' cannot be read or cleaned ({e.Message}); pick a folder you can write to");
        }

        EnsureReplaceable(target, outputDir);
    }

    /// <summary>Refuses a file, and a non-empty folder without the marker: what the build did not write.</summary>
    internal static void EnsureReplaceable(string target, string outputDir)
    {
        if (File.Exists(target))
        {
            throw new OutputRefusedException($"'{outputDir}' is a file; {PickAnother}");
        }

        try
        {
            if (Directory.Exists(target) && !File.Exists(Path.Combine(target, MarkerName)) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                throw new OutputRefusedException(
                    $"'{outputDir}' is not empty and was not written by statussite (it has no {MarkerName} file), and a build replaces the whole folder; delete the folder yourself if it holds nothing you need, or pick an empty or new one with --output");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputRefusedException($"'{outputDir}' cannot be read ({e.Message}); pick a folder you can write to");
        }
    }

    /// <summary>Where a build stages the site: a hidden sibling of the output, named after it and the process.</summary>
    internal static string StagingFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The full path without a trailing separator (a filesystem root keeps its own).</summary>
    internal static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static IEnumerable<(string Folder, string What)> Protected(string inputDir, string themeDir)
    {
        yield return (FullPath(inputDir), "the content folder (--input)");
        yield return (FullPath(themeDir), "the theme folder");
        var working = FullPath(Directory.GetCurrentDirectory());
        if (RepositoryRoot(working) is { } repository)
        {
            yield return (repository, "the root of the Git repository you are working in");
        }

        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home)
        {
            yield return (FullPath(home), "your home folder");
        }

        yield return (working, "the working folder");
    }

    /// <summary>Whether <paramref name="outer"/> is <paramref name="inner"/> or a folder above it, by path or through a link.</summary>
    private static bool Contains(string outer, string inner)
    {
        foreach (var a in new[] { outer, Resolved(outer) })
        {
            foreach (var b in new[] { inner, Resolved(inner) })
            {
                if (string.Equals(a, b, PathComparison)
                    || (b.StartsWith(a, PathComparison) && b.Length > a.Length && b[a.Length] == Path.DirectorySeparatorChar))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where a folder that is a symbolic link points; the path itself otherwise.</summary>
    private static string Resolved(string path)
    {
        try
        {
            return new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target ? FullPath(target.FullName) : path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return path;
        }
    }

    private static string? RepositoryRoot(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            // A worktree or a submodule has a .git file instead of the folder.
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return FullPath(dir.FullName);
            }
        }

        return null;
    }

    /// <summary>
    /// Clears the staging folders of builds that were killed (their process is gone) beside the output. When the
    /// output is missing because a build was killed between the two renames of a swap, the replaced site it left
    /// (the newest '.old') is put back first, so the output is never lost even if this build then fails.
    /// </summary>
    private static void Recover(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        var name = Path.GetFileName(target);
        var prefix = $".{name}.staging-";
        var leftovers = Directory.EnumerateDirectories(parent, "*")
            .Where(path => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal) && IsLeftover(Path.GetFileName(path)[prefix.Length..]))
            .ToList();
        if (!Directory.Exists(target) && !File.Exists(target)
            && leftovers.Where(path => path.EndsWith(OldSuffix, StringComparison.Ordinal)).OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault() is { } replaced)
        {
            Directory.Move(replaced, target);
            leftovers.Remove(replaced);
        }

        foreach (var leftover in leftovers)
        {
            SitePublisher.TryDelete(leftover);
        }
    }

    /// <summary>Whether a staging folder's name (after the prefix) is one a build wrote, and that build's process is gone.</summary>
    private static bool IsLeftover(string suffix)
    {
        var match = StagingSuffix().Match(suffix);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, out var pid))
        {
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"^([0-9]{1,10})-[0-9a-f]{32}(\.old)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingSuffix();
}
