using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusSite.Tests.Support;

/// <summary>The outside services' stand-ins start here: a Kestrel app on a free loopback port, so no test reaches the network.</summary>
internal static class LoopbackServer
{
    /// <summary>Starts an app that answers every request with <paramref name="answer"/>; its base address ends in '/'.</summary>
    public static (WebApplication App, Uri Base) Start(RequestDelegate answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(answer);
        app.StartAsync().GetAwaiter().GetResult();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/"));
    }
}
