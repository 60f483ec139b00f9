using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Images;

namespace ThumbApi.Tests.Infrastructure;

/// <summary>For tests that place thumbnails by hand: the record the generator writes after them.</summary>
public static class RenditionRecords
{
    /// <summary>The record naming the current definition of each of <paramref name="presets"/> in the app's configuration.</summary>
    public static byte[] Current(IServiceProvider services, params string[] presets)
    {
        var configured = services.GetRequiredService<IOptions<PresetOptions>>().Value.Presets;
        return new RenditionRecord(presets.ToDictionary(p => p, p => PresetDefinition.Of(configured[p]))).ToJson();
    }

    public static string CurrentJson(IServiceProvider services, params string[] presets) => Encoding.UTF8.GetString(Current(services, presets));
}
