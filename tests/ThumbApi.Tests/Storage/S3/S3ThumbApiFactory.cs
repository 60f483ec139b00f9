using Amazon.S3;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The whole service configured with <c>Storage:Provider=S3</c> against an S3-compatible endpoint. Only the
/// credentials differ from production: the client is built from the same configuration, with s3rver's keys
/// instead of the SDK's default chain.
/// </summary>
public sealed class S3ThumbApiFactory(
    string serviceUrl, Amazon.Runtime.AWSCredentials? credentials = null, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    private static readonly string KeyFile = Path.Combine(Directory.CreateTempSubdirectory("thumbapi-s3-keys-").FullName, "delete-token-key");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Tests share one bucket: the start-up and periodic reconciliation would race them unless a test asks for it.
        builder.UseSetting("Storage:BackfillOnStart", "false");
        builder.UseSetting("Storage:ReconcileInterval", "00:00:00");
        // Not the user's own ~/.thumbapi: a key file of the test run's.
        builder.UseSetting("DeleteTokens:KeyFile", KeyFile);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("Storage:Provider", "S3");
        builder.UseSetting("Storage:Bucket", S3rverFixture.Bucket);
        builder.UseSetting("Storage:ServiceUrl", serviceUrl);
        var options = new StorageOptions { Provider = StorageProvider.S3, Bucket = S3rverFixture.Bucket, ServiceUrl = serviceUrl };
        builder.ConfigureTestServices(services =>
            services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client(credentials ?? S3rverFixture.Credentials, S3ClientFactory.CreateConfig(options))));
    }
}
