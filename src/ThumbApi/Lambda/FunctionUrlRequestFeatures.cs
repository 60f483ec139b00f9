using System.Net;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Lambda;

/// <summary>Turns a Function URL request into the features ASP.NET Core reads, as Kestrel would fill them.</summary>
public static class FunctionUrlRequestFeatures
{
    public static FeatureCollection Create(
        FunctionUrlRequest request, string lambdaRequestId, FunctionUrlResponseFeature response, CancellationToken aborted)
    {
        var body = new FunctionUrlRequestBody(BodyOf(request));
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = request.RequestContext.Http.Protocol ?? "HTTP/1.1",
            Scheme = "https",
            Method = request.RequestContext.Http.Method,
            PathBase = "",
            Path = DecodePath(request.RawPath),
            QueryString = query,
            RawTarget = request.RawPath + query,
            Headers = HeadersOf(request, body.Length),
            Body = body,
        });
        features.Set<IHttpMaxRequestBodySizeFeature>(body);
        features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body.Length > 0));
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = lambdaRequestId,
            RemoteIpAddress = IPAddress.TryParse(request.RequestContext.Http.SourceIp, out var ip) ? ip : null,
            LocalPort = 443,
        });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = lambdaRequestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = aborted });
        return features;
    }

    /// <summary>
    /// Kestrel's decoding of a request path: percent-encoded UTF-8 is decoded, except <c>%2F</c>, which stays
    /// encoded so that it never splits a segment; <c>+</c> is a literal plus (form encoding is for queries only).
    /// A path that is not UTF-8 once decoded stays as it was sent.
    /// </summary>
    public static string DecodePath(string rawPath)
    {
        if (!rawPath.Contains('%')) return rawPath;
        var source = Encoding.UTF8.GetBytes(rawPath);
        var decoded = new byte[source.Length];
        var length = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '%' && i + 2 < source.Length && TryHex(source[i + 1], source[i + 2], out var value) && value != '/')
            {
                decoded[length++] = value;
                i += 2;
            }
            else
            {
                decoded[length++] = source[i];
            }
        }
        return Utf8.IsValid(decoded.AsSpan(0, length)) ? Encoding.UTF8.GetString(decoded, 0, length) : rawPath;
    }

    private static IHeaderDictionary HeadersOf(FunctionUrlRequest request, long bodyLength)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        // Values stay whole: a comma inside Date, User-Agent or a quoted string is not a separator.
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>()) headers[name] = value;
        if (request.Cookies is { Count: > 0 } cookies)
            headers.Cookie = string.Join("; ", headers.Cookie.Count > 0 ? [headers.Cookie.ToString(), .. cookies] : cookies);
        if (!string.IsNullOrEmpty(request.RequestContext.DomainName)) headers.Host = request.RequestContext.DomainName;
        // The body may have been base64 on the way in; its real length is the one readers must see.
        if (bodyLength > 0) headers.ContentLength = bodyLength;
        return headers;
    }

    private static byte[] BodyOf(FunctionUrlRequest request) =>
        string.IsNullOrEmpty(request.Body) ? []
        : request.IsBase64Encoded ? Convert.FromBase64String(request.Body)
        : Encoding.UTF8.GetBytes(request.Body);

    private static bool TryHex(byte high, byte low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)(h * 16 + l);
        return h >= 0 && l >= 0;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }
}
