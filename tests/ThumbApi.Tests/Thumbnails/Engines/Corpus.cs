namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>The shared image corpus: <c>../shared/corpus</c> beside the repository, wherever CI clones it.</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(Locate);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Root.Value, name));

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ThumbApi.sln")))
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus"));
        }
        throw new DirectoryNotFoundException($"No ThumbApi.sln above {AppContext.BaseDirectory}, so no ../shared/corpus beside it.");
    }
}
