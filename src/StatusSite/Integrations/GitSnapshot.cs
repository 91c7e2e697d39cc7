using System.Diagnostics;
using System.Formats.Tar;

namespace StatusSite.Integrations;

/// <summary>A folder's content at an earlier commit, read with git into a temporary folder; the working tree is never touched.</summary>
public sealed class GitSnapshot : IDisposable
{
    private GitSnapshot(string? folder) => Folder = folder;

    /// <summary>The folder as it was at the commit, or null when the commit did not have it.</summary>
    public string? Folder { get; }

    /// <summary>Reads <paramref name="folder"/> as it was at <paramref name="commit"/>.</summary>
    /// <exception cref="ArgumentException">The commit is not one git knows, or the folder is not in a git work tree.</exception>
    public static async Task<GitSnapshot> OpenAsync(string folder, string commit, CancellationToken cancellationToken = default)
    {
        if (commit.StartsWith('-') || (await Git(folder, ["rev-parse", "--verify", "--quiet", commit + "^{commit}"], cancellationToken)).Code != 0)
        {
            throw new ArgumentException($"'{commit}' is not a commit of the repository holding {folder}; give a commit, branch or tag, such as HEAD~1");
        }

        // git archive runs at the top of the work tree: from a folder inside it, it only archives that folder's path.
        var top = Text(await Git(folder, ["rev-parse", "--show-toplevel"], cancellationToken));
        var prefix = Text(await Git(folder, ["rev-parse", "--show-prefix"], cancellationToken)).TrimEnd('/');
        var tree = prefix.Length == 0 ? commit + "^{tree}" : commit + ":" + prefix;
        if ((await Git(top, ["cat-file", "-e", tree], cancellationToken)).Code != 0)
        {
            return new GitSnapshot(null);
        }

        var target = Directory.CreateTempSubdirectory("statussite-base-").FullName;
        var archive = await Git(top, ["archive", "--format=tar", tree], cancellationToken);
        await TarFile.ExtractToDirectoryAsync(archive.Output, target, overwriteFiles: false, cancellationToken);
        return new GitSnapshot(target);
    }

    public void Dispose()
    {
        if (Folder is not null)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string Text((int Code, MemoryStream Output) result) => System.Text.Encoding.UTF8.GetString(result.Output.ToArray()).Trim();

    private static async Task<(int Code, MemoryStream Output)> Git(string folder, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(folder);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ArgumentException("git could not be started; install git");
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(copy, errors);
        await process.WaitForExitAsync(cancellationToken);
        output.Position = 0;
        return (process.ExitCode, output);
    }
}
