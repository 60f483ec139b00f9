using ThumbApi.Hosting;
using ThumbApi.Lambda;
using ThumbApi.Security;
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
builder.ExplainStartupFailures();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiConventions();
builder.Services.AddApiDocumentation();
builder.Services.AddSecurity();
builder.Services.AddUploads();
builder.Services.AddThumbnails();
builder.Services.AddStorage(builder.Configuration);

var app = builder.Build();

app.UseApiConventions();
app.UseSecurity();
app.UseUploadPage();
app.UseApiDocumentation();

app.MapUploads();
app.MapThumbnails();
app.MapStorage();
app.MapHealth();

app.Run();

public partial class Program;
