using System.Net.Http.Headers;
using ThumbApi.Lambda;

namespace ThumbApi.Tests.Lambda;

public class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset ExampleTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Signs_AWS_documented_example_request_to_its_published_signature()
    {
        // The worked example of AWS's "Signature Version 4 signing process" (IAM ListUsers, 2015-08-30 12:36:00 UTC).
        var request = new HttpRequestMessage(HttpMethod.Get, "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

        SigV4Signer.Sign(request, [], "us-east-1", "iam", Example, ExampleTime);

        Assert.Equal("20150830T123600Z", request.Headers.GetValues("x-amz-date").Single());
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void A_session_token_is_sent_and_signed()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/f/invocations");

        SigV4Signer.Sign(request, "{}"u8, "eu-west-1", "lambda", Example with { SessionToken = "token" }, ExampleTime);

        Assert.Equal("token", request.Headers.GetValues("x-amz-security-token").Single());
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void The_signature_covers_the_body()
    {
        string SignatureOf(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/f/invocations");
            SigV4Signer.Sign(request, System.Text.Encoding.UTF8.GetBytes(body), "eu-west-1", "lambda", Example, ExampleTime);
            return request.Headers.GetValues("Authorization").Single();
        }

        Assert.NotEqual(SignatureOf("""{"refresh":{"name":"a.jpg"}}"""), SignatureOf("""{"refresh":{"name":"b.jpg"}}"""));
    }
}
