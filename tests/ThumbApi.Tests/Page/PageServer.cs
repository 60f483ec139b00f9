using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ThumbApi.Tests.Page;

/// <summary>
/// The whole app on a real Kestrel listener on 127.0.0.1 (a browser cannot reach TestServer), with the embedded
/// store in a temporary folder.
/// </summary>
public sealed class PageServer : WebApplicationFactory<Program>
{
    private readonly string _storageRoot = Directory.CreateTempSubdirectory("thumbapi-page-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration over appsettings.json, e.g. <c>Uploads:MaxBytes</c>.</param>
    public PageServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        // Port 0: the system picks a free port, so parallel runs never collide.
        UseKestrel(0);
    }

    /// <summary>Where the browser finds the app, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:LocalRoot", _storageRoot);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_storageRoot, recursive: true);
    }
}
