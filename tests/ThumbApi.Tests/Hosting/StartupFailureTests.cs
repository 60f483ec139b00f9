using System.Net;
using System.Net.Sockets;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Hosting;

/// <summary>
/// The real executable, started the way a person starts it, on a mistake a person can fix: it stops with one line on
/// stderr that says what to change, a non-zero exit code, and no stack trace anywhere.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-startup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_port_in_use_stops_the_start_with_one_line_naming_the_address_and_how_to_choose_another()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await ExitedProcess.RunAsync(["--urls", address], Settings());

        var line = AssertOneLineFailure(run);
        Assert.Contains($"{address} is already in use", line);
        Assert.Contains("--urls", line);
    }

    [Fact]
    public async Task A_data_root_that_cannot_be_a_folder_stops_the_start_with_one_line_naming_it()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        var dataRoot = Path.Combine(file, "data");

        var run = await ExitedProcess.RunAsync(["--urls", "http://127.0.0.1:0"], Settings(("Storage__LocalRoot", dataRoot)));

        var line = AssertOneLineFailure(run);
        Assert.Contains($"Storage:LocalRoot '{dataRoot}' cannot be used", line);
    }

    [Theory]
    [InlineData("Uploads__MaxBytes", "-1", "invalid configuration: Uploads:MaxBytes must be positive.")]
    [InlineData("Uploads__MaxBytes", "lots", "invalid configuration: Failed to convert configuration value 'lots' at 'Uploads:MaxBytes'")]
    [InlineData("Storage__Provider", "Disk", "invalid configuration: Failed to convert configuration value 'Disk' at 'Storage:Provider'")]
    [InlineData("Thumbnails__Presets__small__Width", "0", "invalid configuration: Thumbnails:Presets:small: Width and Height must be between 1 and 4096")]
    public async Task Invalid_configuration_stops_the_start_with_one_line_naming_the_key(string variable, string value, string expected)
    {
        var run = await ExitedProcess.RunAsync(["--urls", "http://127.0.0.1:0"], Settings((variable, value)));

        var line = AssertOneLineFailure(run);
        Assert.Contains(expected, line);
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string> { ["Storage__LocalRoot"] = Path.Combine(_root, "data"), ["Storage__BackfillOnStart"] = "false" };
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }

    private static string AssertOneLineFailure(ExitedProcess run)
    {
        Assert.NotEqual(0, run.ExitCode);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("ThumbApi could not start: ", line);
        Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError);
        return line;
    }
}
