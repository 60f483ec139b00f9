using System.Net;
using System.Security.Cryptography;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Reliability;

/// <summary>The real executable, killed with SIGKILL in the middle of a burst and started again.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Uploads = 500;
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-crash-").FullName;
    private readonly int _port = AppProcess.FreePort();
    // The same key before and after the crash, so that forms issued before it stay valid, as S3's would.
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_burst_interrupted_by_SIGKILL_loses_and_duplicates_nothing_after_a_restart()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        var jpeg = TestImages.SmallJpeg();
        var confirmed = 0;

        using var first = await StartAsync();
        var burst = Parallel.ForAsync(0, Uploads, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            var upload = await RetryAsync(() => client.RequestUploadAsync());
            await RetryAsync(async () =>
            {
                var response = await client.SendFormAsync(upload, jpeg);
                if (response.StatusCode != HttpStatusCode.NoContent) throw new HttpRequestException($"form answered {response.StatusCode}");
                return response;
            });
            Interlocked.Increment(ref confirmed);
        });
        await Eventually.UntilAsync($"{Uploads / 2} of {Uploads} uploads confirmed before the crash", TimeSpan.FromMinutes(2),
            () => Volatile.Read(ref confirmed) >= Uploads / 2 || burst.IsCompleted);
        if (burst.IsFaulted) await burst; // the burst failed before the crash: that failure is the finding
        await first.KillAsync();
        using var second = await StartAsync();
        await burst.WithinAsync($"the remaining uploads of the burst after the restart ({Volatile.Read(ref confirmed)} confirmed so far)", TimeSpan.FromMinutes(3));

        var names = Directory.GetFiles(Path.Combine(_root, "images")).Select(Path.GetFileName).ToList();
        Assert.Equal(Uploads, names.Count);
        foreach (var name in names)
            Assert.Equal("ready", (await client.WaitForProcessingAsync(name!))["status"]!.GetValue<string>());
        var thumbnails = Directory.GetFiles(Path.Combine(_root, "thumbnails"));
        // Two thumbnails and the record naming their definitions, per image.
        Assert.Equal(Uploads * 3, thumbnails.Length);
        Assert.Equal(Uploads, thumbnails.Count(t => t.EndsWith(".renditions.json")));
        Assert.DoesNotContain(thumbnails, t => t.EndsWith(".failed.json"));
    }

    private Task<AppProcess> StartAsync() => AppProcess.StartAsync(_port, new Dictionary<string, string>
    {
        ["Storage__LocalRoot"] = _root,
        ["Storage__SigningKey"] = _signingKey,
        ["Storage__BackfillOnStart"] = "true",
        ["RateLimiting__Burst"] = "10000",
    });

    /// <summary>What a client does while the server is down: try again, for a bounded time.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is HttpRequestException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
