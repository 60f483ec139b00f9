using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ThumbApi.Security;

/// <summary>Requires one of <c>Auth:ApiKeys</c> in <c>X-Api-Key</c> when any is configured.</summary>
public sealed class ApiKeyFilter(IOptions<AuthOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    // Hashing first gives every comparison the same length, so timing reveals neither a key nor its length.
    private readonly byte[][] _keyHashes = options.Value.ApiKeys.Select(Hash).ToArray();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_keyHashes.Length == 0) return await next(context);

        var given = Hash(context.HttpContext.Request.Headers[HeaderName].ToString());
        var matched = false;
        foreach (var key in _keyHashes) matched |= CryptographicOperations.FixedTimeEquals(given, key);
        if (matched) return await next(context);

        context.HttpContext.Response.Headers.WWWAuthenticate = HeaderName;
        return TypedResults.Problem(title: "API key required", statusCode: StatusCodes.Status401Unauthorized,
            detail: $"Send a valid key in the {HeaderName} header.");
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
