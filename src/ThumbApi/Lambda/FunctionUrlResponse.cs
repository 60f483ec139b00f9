namespace ThumbApi.Lambda;

/// <summary>
/// A Function URL response in payload format 2.0. Lambda only reads it this way when it has a
/// <c>statusCode</c>; any other JSON would be sent to the client as a <c>200</c> body, so the bridge always fills it.
/// </summary>
/// <param name="Headers">One value per header; repeated headers comma-joined.</param>
/// <param name="Cookies">Every <c>Set-Cookie</c> value, since they cannot be comma-joined.</param>
public sealed record FunctionUrlResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string>? Cookies,
    string? Body,
    bool IsBase64Encoded);

/// <summary>The RFC 9457 problem sent instead of a response Lambda would refuse for its size.</summary>
public sealed record ResponseTooLargeProblem(string Type, string Title, int Status, string Detail);
