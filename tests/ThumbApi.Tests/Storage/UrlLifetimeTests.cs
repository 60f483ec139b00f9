using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;

namespace ThumbApi.Tests.Storage;

public sealed class UrlLifetimeTests
{
    private static TimeSpan Lifetime(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddStorage(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<StorageOptions>>().Value.UrlLifetime;
    }

    [Fact]
    public void The_default_is_five_minutes() => Assert.Equal(TimeSpan.FromMinutes(5), Lifetime());

    [Fact]
    public void Storage_UrlLifetime_sets_it() => Assert.Equal(TimeSpan.FromMinutes(2), Lifetime(("Storage:UrlLifetime", "00:02:00")));

    [Fact]
    public void The_former_Uploads_UrlLifetime_key_is_still_honoured() =>
        Assert.Equal(TimeSpan.FromMinutes(3), Lifetime(("Uploads:UrlLifetime", "00:03:00")));

    [Fact]
    public void Storage_UrlLifetime_wins_over_the_former_key() =>
        Assert.Equal(TimeSpan.FromMinutes(2), Lifetime(("Storage:UrlLifetime", "00:02:00"), ("Uploads:UrlLifetime", "00:03:00")));

    [Fact]
    public void A_lifetime_outside_10_seconds_to_an_hour_is_refused_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Lifetime(("Storage:UrlLifetime", "02:00:00")));

        Assert.Contains("Storage:UrlLifetime must be between 10 seconds and 1 hour (got 02:00:00).", failure.Message);
    }
}
