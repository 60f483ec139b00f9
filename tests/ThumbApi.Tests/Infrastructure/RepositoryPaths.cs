namespace ThumbApi.Tests.Infrastructure;

/// <summary>The repository the tests run from, wherever it was cloned.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThumbApi.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ThumbApi.sln above {AppContext.BaseDirectory}.");
    }
}
