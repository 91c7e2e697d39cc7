using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using StatusSite.Core;
using StatusSite.Presentation;

namespace StatusSite.Cli;

/// <summary>Where the preview reads and caches, and the clock each rebuild runs at.</summary>
/// <param name="SiteTheme">Use the overrides in input/theme/; false ignores them (--no-site-theme).</param>
internal sealed record PreviewOptions(string InputDir, string ThemeDir, string CacheDir, int Port, Func<DateTimeOffset> Now, bool SiteTheme = true);

/// <summary>
/// <c>statussite serve</c>'s engine: builds into a private folder, serves it on loopback with Kestrel, and
/// rebuilds when input/ or the theme changes. While the content has errors every page shows them, so the
/// author never mistakes a stale site for the result of their edit.
/// </summary>
internal sealed class PreviewServer : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly PreviewOptions _options;
    private readonly Action<string> _log;
    private readonly string _output;
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _debounce;
    private WebApplication? _app;
    private volatile IReadOnlyList<Diagnostic>? _errors;
    private int _pendingChanges;

    private PreviewServer(PreviewOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
        _output = Path.Combine(Path.GetTempPath(), "statussite-serve-" + Guid.NewGuid().ToString("N")[..12], "site");
        _debounce = new Timer(_ => _ = RebuildAfterChangesAsync());
    }

    /// <summary>The address it serves on, such as http://127.0.0.1:4000/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How many builds have finished; lets a caller see that a rebuild happened.</summary>
    public int Builds { get; private set; }

    public static async Task<PreviewServer> StartAsync(PreviewOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        var server = new PreviewServer(options, log);
        await server.RebuildAsync().ConfigureAwait(false);
        server.Watch(options.InputDir);
        server.Watch(options.ThemeDir);
        await server.ListenAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _options.Port));
        _app = builder.Build();
        _app.Run(ServeAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private void Watch(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    // Editors save in bursts (temp file, rename, touch); one rebuild after the burst settles is enough.
    private void OnChange(object sender, FileSystemEventArgs e)
    {
        Interlocked.Increment(ref _pendingChanges);
        _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
    }

    private async Task RebuildAfterChangesAsync()
    {
        if (Interlocked.Exchange(ref _pendingChanges, 0) > 0)
        {
            await RebuildAsync().ConfigureAwait(false);
        }
    }

    private async Task RebuildAsync()
    {
        await _building.WaitAsync().ConfigureAwait(false);
        try
        {
            var options = new BuildOptions(_options.InputDir, _output, _options.ThemeDir, _options.CacheDir, _options.Now(), SiteTheme: _options.SiteTheme);
            BuildResult result;
            try
            {
                result = await SiteBuilder.BuildAsync(options).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file caught mid-save can vanish between listing and reading; the next change event rebuilds.
                _errors = [new Diagnostic(DiagnosticLevel.Error, _options.InputDir, 0, $"the content could not be read while it was changing ({e.Message}); save again")];
                return;
            }

            _errors = result.Succeeded ? null : result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
            _log(result.Succeeded
                ? $"built {Counted.Of(result.Pages, "page")} in {result.Timings.TotalMs} ms"
                : $"build failed with {Counted.Of(_errors!.Count, "error")}; the preview shows them:\n" + string.Join("\n", _errors));
        }
        finally
        {
            Builds++;
            _building.Release();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (_errors is { } errors)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ErrorPage(errors), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var path = ResolveFile(context.Request.Path.Value ?? "/");
        var status = StatusCodes.Status200OK;
        if (path is null)
        {
            path = Path.Combine(_output, Routes.NotFound);
            status = StatusCodes.Status404NotFound;
            if (!File.Exists(path))
            {
                context.Response.StatusCode = status;
                return;
            }
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The output folder is swapped whole by a rebuild; a request that races it is answered with a retry.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = PreviewContentTypes.For(path);
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The output file for a URL path ('/x/' → 'x/index.html'); null when there is none or it escapes the output.</summary>
    private string? ResolveFile(string urlPath)
    {
        var relative = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            relative += Routes.IndexFile;
        }

        var root = Path.GetFullPath(_output) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            full = Path.Combine(full, Routes.IndexFile);
        }

        return File.Exists(full) ? full : null;
    }

    private static string ErrorPage(IReadOnlyList<Diagnostic> errors)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
            .Append("<title>Build failed — StatusSite preview</title>")
            .Append("<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}pre{white-space:pre-wrap;background:#fff3f3;border-left:4px solid #b00020;padding:1rem}</style>")
            .Append("</head><body><h1>The build failed</h1>")
            .Append("<p>This preview shows the errors instead of the last good site. Fix them and save; this page reloads by itself.</p><pre>");
        foreach (var error in errors)
        {
            html.Append(WebUtility.HtmlEncode(error.ToString())).Append('\n');
        }

        return html.Append("</pre></body></html>\n").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        await _debounce.DisposeAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await _building.WaitAsync().ConfigureAwait(false);
        _building.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover preview folder in the temp directory is harmless.
        }
    }
}

/// <summary>Content types of the preview: the ones browsers and feed readers need to open each output as the live site would.</summary>
internal static class PreviewContentTypes
{
    private static readonly FileExtensionContentTypeProvider Types = Create();

    public static string For(string path) => Types.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider Create()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".atom"] = "application/atom+xml; charset=utf-8";
        types.Mappings[".rss"] = "application/rss+xml; charset=utf-8";
        types.Mappings[".ics"] = "text/calendar; charset=utf-8";
        types.Mappings[".json"] = "application/json; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".xml"] = "application/xml; charset=utf-8";
        types.Mappings[".txt"] = "text/plain; charset=utf-8";
        return types;
    }
}
