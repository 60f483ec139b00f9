namespace ThumbApi.Tests.Lambda;

/// <summary>The repository and the shared corpus beside it, wherever CI cloned them.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus(string file) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", file));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThumbApi.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ThumbApi.sln above {AppContext.BaseDirectory}.");
    }
}
