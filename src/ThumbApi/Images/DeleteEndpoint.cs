using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using ThumbApi.Security;
using ThumbApi.Storage;

namespace ThumbApi.Images;

/// <summary>
/// <c>DELETE /uploads/{name}</c>: removes the original, for whoever uploaded it (its delete token) or an API key's
/// holder. Everything made from it goes with the removal's cascade, as for a removal by any other tool.
/// </summary>
public static class DeleteEndpoint
{
    public const string TokenScheme = "deleteToken";
    public const string ApiKeyScheme = "apiKey";

    public static RouteGroupBuilder MapDeleteUpload(this RouteGroupBuilder uploads)
    {
        uploads.MapDelete("/{**name}", DeleteUpload)
            .WithImageNameParameter()
            .WithName(nameof(DeleteUpload))
            .WithSummary("Delete an image")
            .WithDescription("""
                Removes the original; its thumbnails and records follow within moments (the same cascade removes them
                when the original is removed by any other tool). Send the `deleteToken` of the upload's answer as
                `Authorization: Bearer <deleteToken>`, or an API key in `X-Api-Key`. `204` when removed, `401` without
                credentials, `403` with a token of another image or a key that is not valid, `404` when it is already gone.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                ];
                return Task.CompletedTask;
            });
        return uploads;
    }

    /// <summary>The two credentials the operation names, in the document's components.</summary>
    public static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "The deleteToken of an upload's answer: it allows deleting that one image.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyFilter.HeaderName,
            Description = "An API key (Auth:ApiKeys, or the Auth:ApiKeysParameter parameter on AWS).",
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUpload(
        ImageName name,
        HttpRequest request,
        DeleteTokens tokens,
        ApiKeys keys,
        IObjectStore store,
        CancellationToken cancellationToken)
    {
        var token = BearerToken(request);
        var apiKey = request.Headers[ApiKeyFilter.HeaderName].ToString();
        if (token is null && apiKey.Length == 0)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(title: "Credentials required", statusCode: StatusCodes.Status401Unauthorized,
                detail: $"Send the upload's deleteToken as 'Authorization: Bearer <deleteToken>', or an API key in {ApiKeyFilter.HeaderName}.");
        }

        try
        {
            var allowed = (token is not null && await tokens.AcceptsAsync(name, token, cancellationToken))
                          || (apiKey.Length > 0 && keys.Required && await keys.AcceptsAsync(apiKey, cancellationToken));
            if (!allowed)
                return TypedResults.Problem(title: "Not allowed", statusCode: StatusCodes.Status403Forbidden,
                    detail: $"These credentials do not allow deleting '{name}'.");
        }
        catch (Exception e) when (e is DeleteTokenKeyUnavailableException or ApiKeysUnavailableException)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(title: "Credentials cannot be checked", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The credentials could not be checked for now; try again in 5 seconds.");
        }

        if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is null)
            return TypedResults.Problem(title: "Image not found", statusCode: StatusCodes.Status404NotFound,
                detail: $"No image is named '{name}'; it may have been deleted already.");
        await store.DeleteAsync(name.ImageKey, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrEmpty(header.Parameter)
            ? header.Parameter
            : null;
}
