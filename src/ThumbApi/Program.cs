using ThumbApi;
using ThumbApi.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits beside the executable in every build, so the working directory does not matter.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.ExplainStartupFailures();
builder.AddThumbApi();

var app = builder.Build();
app.UseThumbApi();
app.Run();

public partial class Program;
