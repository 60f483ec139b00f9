using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ThumbApi.Tests.Infrastructure;

/// <summary>
/// The real application on the embedded store, in a temporary directory of its own; only the edges are swapped:
/// the clock (tests move it) and any configuration a test sets.
/// </summary>
public sealed class ThumbApiApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ThumbApiApplication(params (string Key, string Value)[] settings)
    {
        // A folder of its own under the user's temp directory: a shared parent may belong to another user.
        LocalRoot = System.IO.Directory.CreateTempSubdirectory("thumbapi-app-").FullName;
        // Tests place originals by hand; the start-up backfill would race them unless a test asks for it.
        _settings = new Dictionary<string, string?> { ["Storage:LocalRoot"] = LocalRoot, ["Storage:BackfillOnStart"] = "false" };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    public string LocalRoot { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client that shows redirects instead of following them.</summary>
    public HttpClient CreateApiClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Serves on a real Kestrel port (for what the test server does not do: body limits, browsers).</summary>
    public Uri StartKestrel()
    {
        // Several pages of one test may ask at once; the server must be switched to Kestrel and started only once.
        lock (_kestrelLock)
        {
            if (_kestrelAddress is null)
            {
                // Port 0 through the app's own configuration, not UseKestrel(0): that one rewrites the server's
                // addresses while the app may already be binding them, a race that fails a start now and then
                // (dotnet/aspnetcore#67714).
                _settings["urls"] = "http://127.0.0.1:0";
                UseKestrel();
                StartServer();
                _kestrelAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            }
            return _kestrelAddress;
        }
    }

    private readonly Lock _kestrelLock = new();
    private Uri? _kestrelAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (System.IO.Directory.Exists(LocalRoot)) System.IO.Directory.Delete(LocalRoot, recursive: true);
    }
}
