using System.ComponentModel.DataAnnotations;

namespace ThumbApi.Uploads;

public sealed class UploadOptions : IValidatableObject
{
    public const string Section = "Uploads";

    /// <summary>The largest file a client may upload; the store enforces it through the signed policy.</summary>
    public long MaxBytes { get; set; } = 26_214_400;

    public List<string> AllowedContentTypes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBytes < 1) yield return new("Uploads:MaxBytes must be positive.", [nameof(MaxBytes)]);
        foreach (var type in AllowedContentTypes.Where(t => !ImageNames.ExtensionByContentType.ContainsKey(t)))
            yield return new($"Uploads:AllowedContentTypes: '{type}' is not one of {string.Join(", ", ImageNames.ExtensionByContentType.Keys)}.",
                [nameof(AllowedContentTypes)]);
    }
}
