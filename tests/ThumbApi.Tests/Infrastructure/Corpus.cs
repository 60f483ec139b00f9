namespace ThumbApi.Tests.Infrastructure;

/// <summary>The test images committed in <c>tests/corpus</c>; its README.md says where each comes from.</summary>
public static class Corpus
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "corpus");

    public static string PathOf(string file)
    {
        var path = Path.Combine(Directory, file);
        // A missing image would otherwise surface as an unrelated failure deep inside the test that wanted it.
        return File.Exists(path) ? path : throw new FileNotFoundException($"Test image {file} is not in {Directory}.", path);
    }

    public static byte[] Read(string file) => File.ReadAllBytes(PathOf(file));
}
