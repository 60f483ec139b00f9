namespace ThumbApi.Tests.Page;

/// <summary>
/// The shared test images live in <c>shared/corpus</c> beside the repository (CI clones the repository elsewhere
/// with <c>shared/</c> beside it), so they are found from the solution folder, not from a fixed path.
/// </summary>
public static class Corpus
{
    public static string File(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (!System.IO.File.Exists(Path.Combine(folder.FullName, "ThumbApi.sln"))) continue;
            var path = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "corpus", name));
            return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"The corpus file is missing: {path}", path);
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds ThumbApi.sln.");
    }
}
