using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi;
using ThumbApi.Lambda;
using ThumbApi.LambdaLocal;

namespace ThumbApi.Tests.Lambda;

/// <summary>
/// The whole application, composed as Program.cs composes it, hosted in this process by the Lambda layer, against a <see cref="FakeRuntimeApi"/>
/// and an embedded store in a temporary directory, plus endpoints that exist only in tests.
/// </summary>
public sealed class LambdaTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LambdaTestHost(WebApplication app, FakeRuntimeApi runtime, string storeRoot)
    {
        _app = app;
        Runtime = runtime;
        StoreRoot = storeRoot;
    }

    public FakeRuntimeApi Runtime { get; }
    public string StoreRoot { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Added to (or replacing) what Lambda and Terraform set.</param>
    /// <param name="configureServices">The edges a test replaces after the composition, e.g. an AWS client's credentials.</param>
    public static async Task<LambdaTestHost> StartAsync(string handler, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var runtime = await FakeRuntimeApi.StartAsync();
        var storeRoot = Directory.CreateTempSubdirectory("thumbapi-lambda-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RuntimeApiClient.EnvironmentVariable] = runtime.Address,
            [LambdaHosting.HandlerVariable] = handler,
            ["Storage:Provider"] = "Local",
            ["Storage:LocalRoot"] = storeRoot,
            // What Lambda and Terraform set for the api function.
            ["AWS_REGION"] = "us-east-1",
            ["Refresh:FunctionName"] = "thumbapi-thumbnails",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddThumbApi();
        configureServices?.Invoke(builder.Services);
        TestEndpoints.AddServices(builder.Services);

        var app = builder.Build();
        app.UseThumbApi();
        TestEndpoints.Map(app);
        await app.StartAsync();
        return new LambdaTestHost(app, runtime, storeRoot);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Runtime.DisposeAsync();
        Directory.Delete(StoreRoot, recursive: true);
    }
}
