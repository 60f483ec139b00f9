namespace ThumbApi.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and Swagger UI over it at <c>/swagger</c>.</summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ThumbApi";
            document.Info.Description = "Direct-to-storage image uploads and their thumbnails.";
            return Task.CompletedTask;
        }));

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "ThumbApi v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "ThumbApi";
        });
        return app;
    }
}
