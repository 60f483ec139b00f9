using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ThumbApi.Notifications;

/// <summary>
/// <c>Notifications:*</c>: where image events go: a receiver of Standard Webhooks (and the secret that signs them), an
/// EventBridge bus.
/// </summary>
/// <remarks>On Lambda, Terraform sets them on both the <c>thumbnails</c> and the <c>webhooks</c> function (docs/webhooks.md).</remarks>
public sealed partial class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";
    public const string SecretPrefix = "whsec_";

    /// <summary>The receiver; none means no webhooks.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary><c>whsec_</c> and the base64 of 24 to 64 random bytes, as the Standard Webhooks specification has it.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Instead of <see cref="WebhookSecret"/>: the SSM SecureString that holds it, read by the process that delivers.</summary>
    public string? WebhookSecretParameter { get; set; }

    /// <summary>On Lambda: the SQS queue webhooks wait in between the <c>thumbnails</c> and the <c>webhooks</c> function.</summary>
    public Uri? QueueUrl { get; set; }

    /// <summary>An EventBridge bus (name or ARN) that gets every image event too; none means none.</summary>
    public string? EventBusName { get; set; }

    /// <summary>The events' <c>source</c> on that bus, what rules match on.</summary>
    public string EventSource { get; set; } = "thumbapi";

    /// <summary>EventBridge's endpoint; by default the region's public one.</summary>
    public Uri? EventBridgeEndpoint { get; set; }

    /// <summary>The region of the bus and of the api function; Lambda sets <c>AWS_REGION</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The API's public base URL, to make the thumbnail links of <c>image.ready</c> absolute; relative without it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Without <see cref="PublicBaseUrl"/>, on Lambda: the api function, whose Function URL is then the base.</summary>
    public string? ApiFunctionName { get; set; }

    /// <summary>Lambda's endpoint for that lookup; by default the region's public one.</summary>
    public Uri? LambdaEndpoint { get; set; }

    /// <summary>Deliveries waiting (first tries and retries) that one process holds before it drops new ones.</summary>
    public int MaxPending { get; set; } = 10_000;

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The key a secret stands for: the bytes of the base64 after <c>whsec_</c>.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret[SecretPrefix.Length..]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme is not ("http" or "https")))
            yield return new("Notifications:WebhookUrl must be an absolute http or https URL.", [nameof(WebhookUrl)]);
        if (WebhookUrl is not null && WebhookSecretParameter is null && !IsValidSecret(WebhookSecret))
            yield return new("Notifications:WebhookSecret must be 'whsec_' followed by the base64 of 24 to 64 random bytes (or Notifications:WebhookSecretParameter must name the SSM parameter that holds it) when Notifications:WebhookUrl is set.", [nameof(WebhookSecret)]);
        if (WebhookSecret is not null && WebhookSecretParameter is not null)
            yield return new("Set either Notifications:WebhookSecret or Notifications:WebhookSecretParameter, not both.", [nameof(WebhookSecretParameter)]);
        if (QueueUrl is not null && (!QueueUrl.IsAbsoluteUri || QueueUrl.Scheme is not ("http" or "https") || QueueUrl.AbsolutePath.Length < 2))
            yield return new("Notifications:QueueUrl must be an SQS queue's URL (https://sqs.{region}.amazonaws.com/{account}/{queue}).", [nameof(QueueUrl)]);
        if (PublicBaseUrl is { IsAbsoluteUri: false })
            yield return new("Notifications:PublicBaseUrl must be an absolute URL.", [nameof(PublicBaseUrl)]);
        if (ApiFunctionName is not null && !FunctionNamePattern().IsMatch(ApiFunctionName))
            yield return new("Notifications:ApiFunctionName must be the api function's name (1–64 characters of A–Z, a–z, 0–9, '-' and '_').", [nameof(ApiFunctionName)]);
        if ((ApiFunctionName is not null || EventBusName is not null) && string.IsNullOrEmpty(Region))
            yield return new("Notifications:Region (or AWS_REGION) must name the region of the event bus and the api function.", [nameof(Region)]);
        if (LambdaEndpoint is { IsAbsoluteUri: false })
            yield return new("Notifications:LambdaEndpoint must be an absolute URL.", [nameof(LambdaEndpoint)]);
        if (EventBusName is not null && !EventBusPattern().IsMatch(EventBusName))
            yield return new("Notifications:EventBusName must be an EventBridge bus's name or ARN.", [nameof(EventBusName)]);
        if (!EventSourcePattern().IsMatch(EventSource) || EventSource.StartsWith("aws.", StringComparison.Ordinal))
            yield return new("Notifications:EventSource must be 1–256 letters, digits, '.', '-' or '_', not starting with 'aws.'.", [nameof(EventSource)]);
        if (EventBridgeEndpoint is { IsAbsoluteUri: false })
            yield return new("Notifications:EventBridgeEndpoint must be an absolute URL.", [nameof(EventBridgeEndpoint)]);
        if (MaxPending < 1) yield return new("Notifications:MaxPending must be positive.", [nameof(MaxPending)]);
        if (AttemptTimeout <= TimeSpan.Zero) yield return new("Notifications:AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
    }

    public static bool IsValidSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var bytes = new byte[64];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes, out var written) && written >= 24;
    }

    [GeneratedRegex("^(arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/)?[A-Za-z0-9._/-]{1,256}\\z")]
    private static partial Regex EventBusPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,256}\\z")]
    private static partial Regex EventSourcePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    private static partial Regex FunctionNamePattern();
}
