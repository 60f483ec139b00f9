using System.Diagnostics;
using System.IO.Compression;

namespace ThumbApi.Tests.Lambda;

/// <summary>
/// The real deployment package, built once per test run by <c>build/package.sh linux-x64</c> and unzipped the way
/// Lambda does, so that the tests run exactly what would be uploaded.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public const string Rid = "linux-x64";

    public string ZipPath { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", $"thumbapi-{Rid}.zip");
    public string TaskRoot { get; } = Directory.CreateTempSubdirectory("thumbapi-task-").FullName;
    public string Bootstrap => Path.Combine(TaskRoot, "bootstrap");

    public async Task InitializeAsync()
    {
        using var package = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "build", "package.sh"), Rid])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = package.StandardOutput.ReadToEndAsync();
        var errors = package.StandardError.ReadToEndAsync();
        await package.WaitForExitAsync();
        Assert.True(package.ExitCode == 0, $"build/package.sh failed:\n{await output}\n{await errors}");
        // Lambda restores the Unix mode stored in the zip; so does ZipFile on Unix.
        ZipFile.ExtractToDirectory(ZipPath, TaskRoot);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(TaskRoot, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackage>
{
    public const string Name = "Published Lambda package";
}
