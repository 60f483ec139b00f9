using Amazon.S3;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The whole service configured with <c>Storage:Provider=S3</c> against s3rver. Only the credentials differ from
/// production: the client is built from the same configuration, with s3rver's keys instead of the default chain.
/// </summary>
public sealed class S3ThumbApiFactory(S3rverFixture s3rver) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "S3");
        builder.UseSetting("Storage:Bucket", S3rverFixture.Bucket);
        builder.UseSetting("Storage:ServiceUrl", s3rver.ServiceUrl);
        builder.ConfigureTestServices(services => services.AddSingleton<IAmazonS3>(_ => s3rver.CreateClient()));
    }
}
