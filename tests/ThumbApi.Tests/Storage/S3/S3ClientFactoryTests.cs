using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

public sealed class S3ClientFactoryTests
{
    private static StorageOptions Options(string? serviceUrl = null, string? region = null) =>
        new() { Provider = StorageProvider.S3, Bucket = "b", ServiceUrl = serviceUrl, Region = region };

    [Fact]
    public void AnS3CompatibleServerGetsPathStyleARegionToSignForAndChecksumsOnlyWhenRequired()
    {
        var config = S3ClientFactory.CreateConfig(Options("http://127.0.0.1:4568"));

        Assert.Equal("http://127.0.0.1:4568/", config.ServiceURL);
        Assert.True(config.ForcePathStyle);
        Assert.Equal("us-east-1", config.AuthenticationRegion);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
        Assert.Equal(Protocol.HTTP, S3ClientFactory.ProtocolOf(Options("http://127.0.0.1:4568")));
    }

    [Fact]
    public void AConfiguredRegionIsTheOneAnS3CompatibleServerIsSignedFor()
    {
        Assert.Equal("eu-west-3", S3ClientFactory.CreateConfig(Options("https://minio.internal:9000", "eu-west-3")).AuthenticationRegion);
        Assert.Equal(Protocol.HTTPS, S3ClientFactory.ProtocolOf(Options("https://minio.internal:9000")));
    }

    [Fact]
    public void AnAwsServiceUrlKeepsTheSdksChecksums()
    {
        var config = S3ClientFactory.CreateConfig(Options("https://s3.eu-west-1.amazonaws.com", "eu-west-1"));

        Assert.NotEqual(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.NotEqual(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
    }

    [Fact]
    public void AwsItselfUsesTheConfiguredRegionWithVirtualHostedBuckets()
    {
        var config = S3ClientFactory.CreateConfig(Options(region: "eu-central-1"));

        Assert.Equal(RegionEndpoint.EUCentral1, config.RegionEndpoint);
        Assert.Null(config.ServiceURL);
        Assert.False(config.ForcePathStyle);
        Assert.Null(config.AuthenticationRegion);
        Assert.Equal(Protocol.HTTPS, S3ClientFactory.ProtocolOf(Options(region: "eu-central-1")));
    }
}
