using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ThumbApi.Storage.Local;

/// <summary>
/// The embedded store's side of S3's browser POST: checks the signed policy, enforces each of its conditions
/// while the file streams to a staging file, and only then makes the object visible and tells whoever listens.
/// </summary>
public sealed partial class LocalUploadReceiver(
    LocalObjectStore store,
    LocalUrlSigner signer,
    IEnumerable<IStoreEvents> listeners,
    TimeProvider time,
    ILogger<LocalUploadReceiver> logger)
{
    private const string FileField = "file";
    private const int MaxFields = 32;
    private const int MaxFieldBytes = 16 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return Problem(StatusCodes.Status400BadRequest, "Not a form upload", "Send multipart/form-data with the fields first and the file last.");

        try
        {
            return await ReceiveFormAsync(new MultipartReader(boundary, request.Body) { HeadersLengthLimit = MaxFieldBytes }, request.HttpContext, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // A body that is not multipart, part headers over their limits, or a body cut short: the client's fault.
            return Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The form could not be read: {e.Message}");
        }
    }

    private async Task<IResult> ReceiveFormAsync(MultipartReader reader, HttpContext context, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { } name)
                return Problem(StatusCodes.Status400BadRequest, "Malformed form", "A form part has no name.");

            if (name.Equals(FileField, StringComparison.OrdinalIgnoreCase))
                return await ReceiveFileAsync(fields, section.Body, context, cancellationToken);
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                return Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The file must be sent as the '{FileField}' field, not '{name}'.");

            if (fields.Count >= MaxFields)
                return Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The form has more than {MaxFields} fields.");
            using var text = new StreamReader(section.Body);
            var value = await ReadLimitedAsync(text, cancellationToken);
            if (value is null)
                return Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The field '{name}' is longer than {MaxFieldBytes} characters.");
            fields[name] = value;
        }
        return Problem(StatusCodes.Status400BadRequest, "No file", $"The form has no '{FileField}' field; it must come after every other field.");
    }

    private async Task<IResult> ReceiveFileAsync(Dictionary<string, string> fields, Stream file, HttpContext context, CancellationToken cancellationToken)
    {
        if (!fields.TryGetValue("policy", out var encodedPolicy))
            return Problem(StatusCodes.Status400BadRequest, "No policy", $"The form has no 'policy' field; every field must come before the '{FileField}' field.");
        fields.TryGetValue("x-amz-signature", out var signature);
        if (!signer.IsValid(encodedPolicy, signature))
            return Problem(StatusCodes.Status403Forbidden, "Signature does not match", "The policy's signature is not valid.");

        var policy = PostPolicy.FromBase64(encodedPolicy);
        if (policy.Expiration <= time.GetUtcNow())
            return Problem(StatusCodes.Status403Forbidden, "Policy expired", $"The upload form expired at {policy.Expiration:O}; ask for a new one.");
        if (policy.Violation(fields) is { } violation)
            return Problem(StatusCodes.Status400BadRequest, "Policy condition failed", violation);
        // The signed policy pins the exact key, so only a key the API issued gets here.
        if (!fields.TryGetValue("key", out var key) || !store.Contains(key))
            return Problem(StatusCodes.Status400BadRequest, "Invalid key", "The key does not name an object of this store.");
        var (min, max) = policy.LengthRange ?? (0, long.MaxValue);

        // The file may be larger than the request limit allows by default; the policy's range is the real limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        var staged = store.StagingPath();
        try
        {
            long length;
            await using (var target = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                length = await CopyLimitedAsync(file, target, max, cancellationToken);
            }
            if (length > max)
                return Problem(StatusCodes.Status400BadRequest, "Entity too large", $"The file is larger than the policy's maximum of {max} bytes.");
            if (length < min)
                return Problem(StatusCodes.Status400BadRequest, "Entity too small", $"The file is smaller than the policy's minimum of {min} byte{(min == 1 ? "" : "s")}.");

            store.Commit(staged, key);
            var stored = await store.GetInfoAsync(key, cancellationToken);
            foreach (var listener in listeners) listener.ObjectCreated(stored!);
            LogStored(key, length);
            return TypedResults.NoContent();
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Copies at most <paramref name="max"/> + 1 bytes, so that an oversized file is never read in full.</summary>
    private static async Task<long> CopyLimitedAsync(Stream source, Stream target, long max, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > max) return total;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }

    private static async Task<string?> ReadLimitedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while (length <= MaxFieldBytes && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0) length += read;
        return length > MaxFieldBytes ? null : new string(buffer, 0, length);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Key} ({Bytes} bytes) from a form upload")]
    private partial void LogStored(string key, long bytes);
}
