using ThumbApi;
using ThumbApi.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits beside the executable in every build, so the working directory does not matter.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.ExplainStartupFailures();
ThumbApiCommands.Prepare(builder, args);
builder.AddThumbApi();

var app = builder.Build();
if (ThumbApiCommands.IsCommand(args)) return await ThumbApiCommands.RunAsync(app);

app.UseThumbApi();
app.Run();
return 0;

public partial class Program;
