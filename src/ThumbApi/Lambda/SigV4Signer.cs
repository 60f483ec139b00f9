using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Credentials;

namespace ThumbApi.Lambda;

public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    /// <summary>The SDK's chain, as for S3: on Lambda, the role's credentials from the environment.</summary>
    public static async Task<AwsCredentials> FromEnvironmentAsync(CancellationToken cancellationToken)
    {
        var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentialsAsync();
        return new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null);
    }
}

/// <summary>
/// AWS Signature Version 4 in the <c>Authorization</c> header, for the AWS calls the service makes without an SDK
/// client (Lambda's API and EventBridge's PutEvents: no <c>AWSSDK.Lambda</c> or <c>AWSSDK.EventBridge</c> package is
/// available to the build). It signs the host, the
/// content type and every header already on the request.
/// </summary>
/// <remarks>
/// The request's path and query must already be in RFC 3986 form; every service but S3 signs each path segment
/// encoded once more, which is done here. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
/// </remarks>
public static class SigV4Signer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, string region, string service,
        AwsCredentials credentials, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        request.Headers.Remove("x-amz-date");
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.Remove("x-amz-security-token");
        if (credentials.SessionToken is { } token) request.Headers.TryAddWithoutValidation("x-amz-security-token", token);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority };
        foreach (var (name, values) in request.Headers.NonValidated)
            headers[name.ToLowerInvariant()] = string.Join(',', values.Select(v => v.Trim()));
        if (request.Content?.Headers.ContentType is { } contentType) headers["content-type"] = contentType.ToString();

        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            CanonicalPath(uri.AbsolutePath),
            CanonicalQuery(uri.Query),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Key: pair[0], Value: pair.Length == 2 ? pair[1] : ""))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}"));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
