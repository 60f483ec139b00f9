namespace ThumbApi.Lambda;

/// <summary>
/// A Function URL request in payload format 2.0; only the fields the bridge reads. <see cref="Headers"/> hold every
/// value of a repeated header comma-joined, and cookies arrive apart from them.
/// </summary>
public sealed record FunctionUrlRequest(
    string RawPath,
    string? RawQueryString,
    IReadOnlyList<string>? Cookies,
    IReadOnlyDictionary<string, string>? Headers,
    string? Body,
    bool IsBase64Encoded,
    FunctionUrlRequestContext RequestContext);

public sealed record FunctionUrlRequestContext(string? DomainName, FunctionUrlHttp Http);

public sealed record FunctionUrlHttp(string Method, string? Protocol, string? SourceIp);
