using ThumbApi.Notifications;

namespace ThumbApi.Tests.Notifications;

public class WebhookSignatureTests
{
    [Fact]
    public void Signs_the_Standard_Webhooks_example_to_its_published_signature()
    {
        // The specification's example: secret, message id, timestamp and body, and the signature it gives.
        var secret = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var signature = WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("ftp://example.com/hooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "absolute http or https")]
    [InlineData("https://example.com/hooks", null, "whsec_")]
    [InlineData("https://example.com/hooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_")]
    [InlineData("https://example.com/hooks", "whsec_c2hvcnQ=", "24 to 64")]
    [InlineData("https://example.com/hooks", "whsec_not base64!", "whsec_")]
    public void A_receiver_without_a_usable_secret_is_refused_at_start_up(string url, string? secret, string error)
    {
        var options = new NotificationOptions { WebhookUrl = new Uri(url), WebhookSecret = secret };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void No_receiver_needs_no_secret()
    {
        var options = new NotificationOptions();

        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
