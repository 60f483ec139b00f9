using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Images;

namespace ThumbApi.Tests.Images;

public sealed class PresetOptionsValidationTests
{
    private static PresetOptions Valid() => new()
    {
        Presets = new()
        {
            ["small"] = new ThumbnailPreset { Width = 80, Height = 80 },
            ["medium"] = new ThumbnailPreset { Width = 480, Height = 480, Fit = ThumbnailFit.Contain, Format = ThumbnailFormat.Webp },
        },
    };

    private static List<string> Errors(PresetOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void The_default_presets_are_valid()
    {
        Assert.Empty(Errors(Valid()));
    }

    [Fact]
    public void The_small_preset_is_required()
    {
        var options = Valid();
        options.Presets.Remove("small");

        Assert.Contains("Thumbnails:Presets must define the 'small' preset (the default size).", Errors(options));
    }

    [Theory]
    [InlineData("Large", "Thumbnails:Presets:Large: preset names are 1–32 characters of a–z, 0–9 and '-'.")]
    [InlineData("a/b", "Thumbnails:Presets:a/b: preset names are 1–32 characters of a–z, 0–9 and '-'.")]
    [InlineData("failed", "Thumbnails:Presets:failed: 'failed' is reserved for the records kept beside the thumbnails.")]
    [InlineData("renditions", "Thumbnails:Presets:renditions: 'renditions' is reserved for the records kept beside the thumbnails.")]
    public void Preset_names_are_checked(string name, string error)
    {
        var options = Valid();
        options.Presets[name] = new ThumbnailPreset { Width = 10, Height = 10 };

        Assert.Contains(error, Errors(options));
    }

    [Theory]
    [InlineData(0, 80, 80, "Thumbnails:Presets:small: Width and Height must be between 1 and 4096 (got 0×80).")]
    [InlineData(80, 5000, 80, "Thumbnails:Presets:small: Width and Height must be between 1 and 4096 (got 80×5000).")]
    [InlineData(80, 80, 0, "Thumbnails:Presets:small: Quality must be between 1 and 100 (got 0).")]
    [InlineData(80, 80, 101, "Thumbnails:Presets:small: Quality must be between 1 and 100 (got 101).")]
    public void Preset_sizes_and_quality_are_checked(int width, int height, int quality, string error)
    {
        var options = Valid();
        options.Presets["small"] = new ThumbnailPreset { Width = width, Height = height, Quality = quality };

        Assert.Equal([error], Errors(options));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void The_webp_effort_is_checked(int effort)
    {
        var options = Valid();
        options.Presets["small"] = new ThumbnailPreset { Width = 80, Height = 80, Effort = effort };

        Assert.Equal([$"Thumbnails:Presets:small: Effort must be between 0 and 6 (got {effort})."], Errors(options));
    }

    [Fact]
    public void Invalid_presets_in_the_configuration_are_reported_with_their_message()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Thumbnails:Presets:small:Width", (string?)"0"), KeyValuePair.Create("Thumbnails:Presets:small:Height", (string?)"80")])
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddImages().BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PresetOptions>>().Value);

        Assert.Contains("Thumbnails:Presets:small: Width and Height must be between 1 and 4096 (got 0×80).", failure.Message);
    }
}
