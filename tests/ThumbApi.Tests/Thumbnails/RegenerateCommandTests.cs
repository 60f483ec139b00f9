using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails;

/// <summary><c>ThumbApi regenerate</c> (what <c>dotnet run --project src/ThumbApi -- regenerate</c> runs), as a person runs it.</summary>
public sealed class RegenerateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-regenerate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Renders_only_what_is_missing_or_outdated_and_a_second_run_rewrites_nothing()
    {
        PutImage("a.jpg", "photo_cups_2560x1600_gps.jpg");
        PutImage("albums/b.png", "syn_alpha_1600x1200.png");
        PutImage("c.jpg", "bad_not_an_image.jpg");

        var first = await RegenerateAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Regenerated 3 images: 2 rendered, 0 up to date, 1 failed, 0 already failed, 0 skipped, 0 errors.", first.StandardOutput);
        Assert.DoesNotContain("Generated:", first.StandardOutput + first.StandardError);
        var written = Written();
        Assert.Equal(7, written.Count);

        var second = await RegenerateAsync();
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Regenerated 3 images: 0 rendered, 2 up to date, 0 failed, 1 already failed, 0 skipped, 0 errors.", second.StandardOutput);
        Assert.Equal(written, Written());

        var grown = await RegenerateAsync("--Thumbnails:Presets:small:Width", "96");
        Assert.Equal(0, grown.ExitCode);
        Assert.Contains("Regenerated 3 images: 2 rendered, 0 up to date", grown.StandardOutput);
        var rewritten = Written().Where(w => written[w.Key] != w.Value).Select(w => Path.GetFileName(w.Key)).Order();
        Assert.Equal(["a.jpg.renditions.json", "a.jpg.small.png", "b.png.renditions.json", "b.png.small.png"], rewritten);
    }

    [Fact]
    public async Task Progress_goes_to_standard_error_and_reaches_every_image()
    {
        PutImage("a.jpg", "photo_cups_2560x1600_gps.jpg");

        var run = await RegenerateAsync();

        Assert.Contains("1/1 images, 1 rendered", run.StandardError);
    }

    [Fact]
    public async Task An_image_the_store_fails_on_is_an_error_the_exit_code_reports_and_the_rest_is_done()
    {
        PutImage("a.jpg", "photo_cups_2560x1600_gps.jpg");
        PutImage("blocked/b.jpg", "photo_cups_2560x1600_gps.jpg");
        // A file where the image's thumbnail folder must go: every write for it fails.
        Directory.CreateDirectory(Path.Combine(_root, "thumbnails"));
        File.WriteAllText(Path.Combine(_root, "thumbnails", "blocked"), "in the way");

        var run = await RegenerateAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Regenerated 2 images: 1 rendered, 0 up to date, 0 failed, 0 already failed, 0 skipped, 1 errors.", run.StandardOutput);
        Assert.Contains("Could not regenerate blocked/b.jpg", run.StandardOutput + run.StandardError);
        Assert.True(File.Exists(Path.Combine(_root, "thumbnails", "a.jpg.small.png")));
    }

    [Fact]
    public async Task An_empty_store_is_nothing_to_do()
    {
        var run = await RegenerateAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Regenerated 0 images", run.StandardOutput);
    }

    private Task<ExitedProcess> RegenerateAsync(params string[] settings) =>
        ExitedProcess.RunAsync(["regenerate", "--Storage:LocalRoot", _root, .. settings], new Dictionary<string, string>());

    private Dictionary<string, DateTime> Written() =>
        Directory.GetFiles(Path.Combine(_root, "thumbnails"), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    private void PutImage(string name, string corpusFile)
    {
        var path = Path.Combine(_root, "images", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf(corpusFile), path);
    }
}
