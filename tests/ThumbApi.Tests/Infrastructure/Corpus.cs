namespace ThumbApi.Tests.Infrastructure;

/// <summary>The shared test images: <c>../shared/corpus</c> beside the repository, wherever it is cloned.</summary>
public static class Corpus
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Read(string file) => File.ReadAllBytes(PathOf(file));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThumbApi.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ThumbApi.sln not found above " + AppContext.BaseDirectory);
    }
}
