using StatusSite.Core;
using StatusSite.Integrations;
using StatusSite.Model;

namespace StatusSite.Cli;

/// <summary>The content as it was at the --base commit, read through git and analysed at the same clock as HEAD.</summary>
/// <param name="Existed">Whether the base had the content folder at all; without it, everything at HEAD is new.</param>
/// <param name="Model">The base's model; null when it did not exist or does not build (<see cref="Diagnostics"/> says why).</param>
internal sealed record BaseContent(bool Existed, SiteModel? Model, DiagnosticBag Diagnostics)
{
    public bool Builds => !Existed || Model is not null;

    /// <summary>Reads <paramref name="input"/> at <paramref name="baseRef"/>; the working tree is never touched.</summary>
    /// <exception cref="UsageException">The base is not a commit of the repository holding the folder.</exception>
    public static async Task<BaseContent> ReadAsync(string input, string baseRef, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GitSnapshot snapshot;
        try
        {
            snapshot = await GitSnapshot.OpenAsync(input, baseRef, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--base: {e.Message}");
        }

        using (snapshot)
        {
            if (snapshot.Folder is not { } folder)
            {
                return new BaseContent(false, null, new DiagnosticBag());
            }

            // Both read at one clock, so what only the clock changed is never news.
            var (model, diagnostics) = SiteBuilder.Analyze(folder, now, displayRoot: $"{baseRef}:{Path.GetRelativePath(Environment.CurrentDirectory, input).Replace('\\', '/')}");
            return new BaseContent(true, model, diagnostics);
        }
    }
}
