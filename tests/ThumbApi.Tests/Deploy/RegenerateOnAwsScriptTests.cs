using System.Diagnostics;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Deploy;

/// <summary>
/// <c>build/regenerate-on-aws.sh</c> against stand-ins for the AWS CLI and Terraform that record what they are asked:
/// the manifest it writes and the job it creates are what S3 Batch Operations reads.
/// </summary>
public sealed class RegenerateOnAwsScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-regenerate-aws-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Lists_the_originals_into_a_url_encoded_manifest_and_creates_a_job_invoking_the_thumbnails_function()
    {
        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        // Every original, keys URL-encoded; the folder marker is not an object to process.
        Assert.Equal(
            ["thumbapi-bucket,images%2Fa.jpg", "thumbapi-bucket,images%2Falbums%2F%C3%A9t%C3%A9%20photo.jpg", "thumbapi-bucket,images%2Fa%2Bb.jpg"],
            File.ReadAllLines(Path.Combine(_root, "manifest.csv")));
        var createJob = Calls().Single(c => c.StartsWith("s3control create-job", StringComparison.Ordinal));
        Assert.Contains("--role-arn arn:aws:iam::123456789012:role/thumbapi-batch-operations", createJob);
        Assert.Contains("\"FunctionArn\":\"arn:aws:lambda:eu-west-1:123456789012:function:thumbapi-thumbnails\"", createJob);
        Assert.Contains("\"InvocationSchemaVersion\":\"2.0\"", createJob);
        Assert.Contains("\"Fields\":[\"Bucket\",\"Key\"]", createJob);
        Assert.Matches("\"ObjectArn\":\"arn:aws:s3:::thumbapi-bucket/batch/manifests/[0-9TZ]+\\.csv\",\"ETag\":\"abc123\"", createJob);
        Assert.Contains("\"Prefix\":\"batch/reports\"", createJob);
        Assert.Contains("Created S3 Batch Operations job job-0001 over 3 originals", output);
    }

    [Fact]
    public async Task A_prefix_outside_images_is_refused_before_anything_is_asked()
    {
        var (exitCode, output) = await RunAsync("thumbnails/");

        Assert.Equal(2, exitCode);
        Assert.Contains("must be under images/", output);
        Assert.Empty(Calls());
    }

    [Fact]
    public async Task An_empty_prefix_creates_no_job()
    {
        var (exitCode, output) = await RunAsync("images/nothing-here/");

        Assert.Equal(0, exitCode);
        Assert.Contains("nothing to do", output);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("s3control", StringComparison.Ordinal));
    }

    private string[] Calls() => File.Exists(Path.Combine(_root, "calls.log")) ? File.ReadAllLines(Path.Combine(_root, "calls.log")) : [];

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        // The AWS CLI: answers each call the script makes, and logs it.
        await File.WriteAllTextAsync(Path.Combine(bin, "aws"), $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{_root}}/calls.log'
            case "$1 $2" in
              "sts get-caller-identity") echo 123456789012 ;;
              "s3api list-objects-v2")
                if [[ "$*" == *nothing-here* ]]; then echo '{}'; else
                echo '{"Contents":[{"Key":"images/a.jpg"},{"Key":"images/albums/été photo.jpg"},{"Key":"images/folder/"},{"Key":"images/a+b.jpg"}]}'; fi ;;
              "s3api put-object") while [ $# -gt 0 ]; do [ "$1" = --body ] && cp "$2" '{{_root}}/manifest.csv'; shift; done; echo '{}' ;;
              "s3api head-object") echo '"abc123"' ;;
              "s3control create-job") echo job-0001 ;;
              *) echo "unexpected: $*" >&2; exit 1 ;;
            esac
            """.Replace("\r", ""));
        await File.WriteAllTextAsync(Path.Combine(bin, "terraform"), """
            #!/usr/bin/env bash
            case "$4" in
              bucket_name) echo -n thumbapi-bucket ;;
              thumbnails_function_name) echo -n thumbapi-thumbnails ;;
              batch_operations_role_arn) echo -n arn:aws:iam::123456789012:role/thumbapi-batch-operations ;;
            esac
            """.Replace("\r", ""));
        if (!OperatingSystem.IsWindows())
            foreach (var tool in new[] { "aws", "terraform" }) File.SetUnixFileMode(Path.Combine(bin, tool), (UnixFileMode)Convert.ToInt32("755", 8));

        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "build", "regenerate-on-aws.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["AWS_REGION"] = "eu-west-1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WithinAsync("regenerate-on-aws.sh to finish", TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output + await error);
    }
}
