using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Everything the service made from one image: its thumbnails, of any preset (configured or not any more), its
/// rendition record and its failure record; never another image's (see <see cref="ImageName.IsDerivedKey"/>).
/// </summary>
public sealed class DerivedObjects(IObjectStore store)
{
    private const int PageSize = 1000;

    /// <param name="keep">A key to leave in place.</param>
    /// <returns>How many objects were removed.</returns>
    public async Task<int> DeleteAsync(ImageName name, CancellationToken cancellationToken, string? keep = null)
    {
        var removed = 0;
        string? startAfter = null;
        do
        {
            // Listed rather than computed from the presets: a preset removed from the configuration leaves thumbnails
            // nobody would otherwise find.
            var page = await store.ListAsync(name.DerivedPrefix, startAfter, PageSize, cancellationToken);
            foreach (var derived in page.Objects.Where(o => name.IsDerivedKey(o.Key) && o.Key != keep))
            {
                await store.DeleteAsync(derived.Key, cancellationToken);
                removed++;
            }
            startAfter = page.NextStartAfter;
        }
        while (startAfter is not null);
        return removed;
    }
}
