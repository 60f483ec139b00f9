using System.Diagnostics;
using System.IO.Compression;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Lambda;

/// <summary>
/// A real deployment package, built by <c>build/package.sh linux-x64 [--aot]</c> and unzipped the way Lambda does,
/// so that the tests run exactly what would be uploaded.
/// </summary>
public sealed class PublishedPackage
{
    public const string Rid = "linux-x64";

    private PublishedPackage(PackageVariant variant, string zipPath, string taskRoot)
    {
        Variant = variant;
        ZipPath = zipPath;
        TaskRoot = taskRoot;
    }

    public PackageVariant Variant { get; }
    public string ZipPath { get; }
    public string TaskRoot { get; }
    public string Bootstrap => Path.Combine(TaskRoot, "bootstrap");

    public static async Task<PublishedPackage> BuildAsync(PackageVariant variant)
    {
        string[] arguments = variant == PackageVariant.NativeAot
            ? [Path.Combine(RepositoryPaths.Root, "build", "package.sh"), Rid, "--aot"]
            : [Path.Combine(RepositoryPaths.Root, "build", "package.sh"), Rid];
        using var package = Process.Start(new ProcessStartInfo("bash", arguments)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = package.StandardOutput.ReadToEndAsync();
        var errors = package.StandardError.ReadToEndAsync();
        await package.WaitForExitAsync();
        Assert.True(package.ExitCode == 0, $"build/package.sh {string.Join(' ', arguments.Skip(1))} failed:\n{await output}\n{await errors}");

        var zipPath = Path.Combine(RepositoryPaths.Root, "artifacts",
            variant == PackageVariant.NativeAot ? $"thumbapi-{Rid}-aot.zip" : $"thumbapi-{Rid}.zip");
        var taskRoot = Directory.CreateTempSubdirectory("thumbapi-task-").FullName;
        // Lambda restores the Unix mode stored in the zip; so does ZipFile on Unix.
        ZipFile.ExtractToDirectory(zipPath, taskRoot);
        return new PublishedPackage(variant, zipPath, taskRoot);
    }
}

public enum PackageVariant { ReadyToRun, NativeAot }

/// <summary>
/// The packages the published-bootstrap suite runs against, each built once per test run on first use. Builds run
/// one at a time: both publish the same project for the same runtime into the same obj/ folder.
/// The ReadyToRun package always; the Native AOT one only when <c>THUMBAPI_TEST_AOT=1</c>, since its publish adds
/// minutes and needs clang (docs/lambda-package.md, "Native AOT package").
/// </summary>
public sealed class PublishedPackages : IAsyncLifetime
{
    public const string AotVariable = "THUMBAPI_TEST_AOT";

    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Dictionary<PackageVariant, Task<PublishedPackage>> _packages = [];

    public static IEnumerable<object[]> Variants()
    {
        yield return [PackageVariant.ReadyToRun];
        if (Environment.GetEnvironmentVariable(AotVariable) == "1") yield return [PackageVariant.NativeAot];
    }

    public async Task<PublishedPackage> GetAsync(PackageVariant variant)
    {
        Task<PublishedPackage> build;
        await _building.WaitAsync();
        try
        {
            // A failed build is kept, so every test of that variant fails with its output instead of rebuilding.
            if (!_packages.TryGetValue(variant, out build!)) _packages[variant] = build = PublishedPackage.BuildAsync(variant);
            // Wait for the build under the lock (WhenAny does not throw its failure): one publish at a time.
            await Task.WhenAny(build);
        }
        finally
        {
            _building.Release();
        }
        return await build;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var build in _packages.Values.Where(b => b.IsCompletedSuccessfully))
            Directory.Delete(build.Result.TaskRoot, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackages>
{
    public const string Name = "Published Lambda package";
}
