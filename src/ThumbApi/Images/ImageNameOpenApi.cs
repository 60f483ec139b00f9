using Microsoft.OpenApi;

namespace ThumbApi.Images;

public static class ImageNameOpenApi
{
    /// <summary>
    /// Describes the <c>{**name}</c> route value, which the OpenAPI generator does not see because
    /// <see cref="ImageName.BindAsync"/> binds it.
    /// </summary>
    public static RouteHandlerBuilder WithImageNameParameter(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = "name",
                In = ParameterLocation.Path,
                Required = true,
                Description = "The image's name, as `POST /uploads` returned it (or any key under `images/`); may contain `/`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
}
