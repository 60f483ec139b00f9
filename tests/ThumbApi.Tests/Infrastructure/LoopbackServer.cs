using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ThumbApi.Tests.Infrastructure;

/// <summary>A quiet HTTP server on a free loopback port: the tests' stand-in for another service (AWS APIs, a webhook receiver).</summary>
public static class LoopbackServer
{
    /// <param name="map">The stand-in's routes.</param>
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>The server's base URL, with a trailing slash.</summary>
    public static Uri BaseUrl(WebApplication app) => new(app.Urls.First() + "/");
}
