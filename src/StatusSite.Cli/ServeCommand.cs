using System.ComponentModel;
using System.Runtime.InteropServices;
using Spectre.Console;
using Spectre.Console.Cli;

namespace StatusSite.Cli;

internal sealed class ServeSettings : RenderSettings
{
    [CommandOption("-p|--port <PORT>")]
    [Description("The port on 127.0.0.1; 0 picks a free one.")]
    [DefaultValue(4000)]
    public int Port { get; init; } = 4000;
}

/// <summary><c>statussite serve</c>: a local preview on loopback that rebuilds on every change.</summary>
internal sealed class ServeCommand(IAnsiConsole console, TimeProvider clock) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Port is < 0 or > 65535)
        {
            throw new UsageException($"--port {settings.Port} is not a port; use 1 to 65535, or 0 for a free one");
        }

        // Ctrl+C (SIGINT) and a service manager's or container's SIGTERM both stop the preview cleanly,
        // also while the first build runs.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // Resolve once to report a bad --now as a usage error; with --now every rebuild uses that clock.
        var fixedNow = settings.Now is null ? (DateTimeOffset?)null : settings.ResolveNow(clock);
        var options = new PreviewOptions(settings.Input, ThemeLocator.Resolve(settings.Theme), settings.Cache, settings.Port, () => fixedNow ?? settings.ResolveNow(clock), !settings.NoSiteTheme);
        try
        {
            var server = await PreviewServer.StartAsync(options, message => console.MarkupLineInterpolated($"[grey]{message}[/]"), stopping.Token).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                console.MarkupLineInterpolated($"Serving {settings.Input}/ at [link]{server.Url}[/] — rebuilds when input/ or the theme changes. Press Ctrl+C to stop.");
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{settings.Port} ({e.Message}); pick another --port, or --port 0 for a free one");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            console.MarkupLine("Stopped the preview.");
        }

        return CliApp.Success;
    }
}
