using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ThumbApi.Notifications;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Notifications;

/// <summary>On AWS the signing secret lives in an SSM SecureString: read when needed, again after five minutes.</summary>
public sealed class WebhookSecretTests : IAsyncLifetime
{
    private const string Parameter = "/thumbapi/webhook-secret";
    private const string First = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Rotated = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplication _ssm = null!;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private string? _value = First;

    public async Task InitializeAsync()
    {
        // SSM's JSON protocol on loopback, for GetParameter only.
        _ssm = await LoopbackServer.StartAsync(app => app.MapPost("/", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            _requests.Enqueue(body);
            var answer = _value is null
                ? new JsonObject { ["__type"] = "ParameterNotFound", ["message"] = "" }
                : new JsonObject { ["Parameter"] = new JsonObject { ["Name"] = Parameter, ["Type"] = "SecureString", ["Value"] = _value, ["Version"] = 1 } };
            return Results.Text(answer.ToJsonString(), "application/x-amz-json-1.1", Encoding.UTF8, _value is null ? 400 : 200);
        }));
    }

    public async Task DisposeAsync() => await _ssm.DisposeAsync();

    private WebhookSecret Secret() => new(
        Options.Create(new NotificationOptions { WebhookSecretParameter = Parameter }), _clock,
        () => new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = LoopbackServer.BaseUrl(_ssm).ToString(), AuthenticationRegion = "us-east-1" }));

    [Fact]
    public async Task The_parameter_is_read_decrypted_and_a_rotation_is_in_use_within_five_minutes()
    {
        var secret = Secret();

        Assert.Equal(NotificationOptions.KeyOf(First), await secret.GetKeyAsync(CancellationToken.None));
        _value = Rotated;
        _clock.Advance(WebhookSecret.RereadAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(NotificationOptions.KeyOf(First), await secret.GetKeyAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NotificationOptions.KeyOf(Rotated), await secret.GetKeyAsync(CancellationToken.None));

        Assert.Equal(2, _requests.Count);
        Assert.All(_requests, request =>
        {
            Assert.Equal(Parameter, request["Name"]!.GetValue<string>());
            Assert.True(request["WithDecryption"]!.GetValue<bool>());
        });
    }

    [Theory]
    [InlineData(null, "cannot be read")]
    [InlineData("hunter2", "does not hold a webhook secret")]
    [InlineData("whsec_c2hvcnQ=", "does not hold a webhook secret")]
    public async Task A_missing_or_malformed_parameter_is_an_error_naming_it(string? value, string error)
    {
        _value = value;

        var refused = await Assert.ThrowsAsync<WebhookSecretUnavailableException>(() => Secret().GetKeyAsync(CancellationToken.None).AsTask());

        Assert.Contains(Parameter, refused.Message);
        Assert.Contains(error, refused.Message);
    }

    [Fact]
    public void A_secret_and_a_parameter_at_once_are_refused_at_start_up()
    {
        var options = new NotificationOptions { WebhookUrl = new Uri("https://app.example.com/hooks"), WebhookSecret = First, WebhookSecretParameter = Parameter };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Equal(["Set either Notifications:WebhookSecret or Notifications:WebhookSecretParameter, not both."], errors);
    }
}
