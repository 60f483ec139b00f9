using ThumbApi.Hosting;
using ThumbApi.Lambda;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;
using ThumbApi.Uploads;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits beside the executable in every build, so the working directory does not matter.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddLambdaHosting();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Binding failures become exceptions so that BadRequestExceptionHandler can say what was wrong.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddApiDocumentation();
builder.Services.AddUploads();
builder.Services.AddThumbnails();
builder.Services.AddStorage(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiDocumentation();

app.MapUploads();
app.MapThumbnails();
app.MapStorage();
app.MapHealth();

app.Run();

public partial class Program;
