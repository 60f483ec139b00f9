namespace ThumbApi.Uploads;

/// <summary>Checks a <see cref="CreateUploadRequest"/>, naming every bad field the way validation problem details do.</summary>
public static class CreateUploadValidator
{
    public static Dictionary<string, string[]> Validate(CreateUploadRequest request, UploadOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.FileName))
            errors["fileName"] = ["The file name is required."];
        else if (request.FileName.Length > 255 || request.FileName.Any(char.IsControl))
            errors["fileName"] = ["The file name must be at most 255 characters, without control characters."];

        if (string.IsNullOrWhiteSpace(request.ContentType))
            errors["contentType"] = ["The content type is required."];
        else if (!options.AllowedContentTypes.Contains(request.ContentType, StringComparer.OrdinalIgnoreCase))
            errors["contentType"] = [$"'{request.ContentType}' is not accepted; use one of {string.Join(", ", options.AllowedContentTypes)}."];

        if (request.ContentLength is { } length && (length < 1 || length > options.MaxBytes))
            errors["contentLength"] = [$"The file must have between 1 and {options.MaxBytes} bytes (got {length})."];
        return errors;
    }
}
