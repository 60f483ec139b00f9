using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Tests.Thumbnails;

public sealed class ThumbnailEngineSelectionTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddThumbnails();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void NetVips_is_the_default_engine()
    {
        using var services = Services();

        Assert.IsType<NetVipsThumbnailEngine>(services.GetRequiredService<IThumbnailEngine>());
    }

    [Theory]
    [InlineData("NetVips", typeof(NetVipsThumbnailEngine))]
    [InlineData("ImageSharp", typeof(ImageSharpThumbnailEngine))]
    [InlineData("imagesharp", typeof(ImageSharpThumbnailEngine))]
    public void The_configured_engine_is_used(string engine, Type expected)
    {
        using var services = Services(("Thumbnails:Engine", engine));

        Assert.IsType(expected, services.GetRequiredService<IThumbnailEngine>());
    }
}
