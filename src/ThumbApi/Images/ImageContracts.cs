namespace ThumbApi.Images;

/// <param name="Status"><c>pending</c>, <c>ready</c> or <c>failed</c>.</param>
/// <param name="Reason">Why the image cannot be thumbnailed, when it failed.</param>
/// <param name="Thumbnails">Preset → lookup URL of its thumbnail.</param>
public sealed record ImageStatusResponse(string Name, string Status, string? Reason, IReadOnlyDictionary<string, string> Thumbnails);
