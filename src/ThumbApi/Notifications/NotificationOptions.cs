using System.ComponentModel.DataAnnotations;

namespace ThumbApi.Notifications;

/// <summary><c>Notifications:*</c>: where image events are POSTed as Standard Webhooks, and the secret that signs them.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";
    public const string SecretPrefix = "whsec_";

    /// <summary>The receiver; none means no webhooks.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary><c>whsec_</c> and the base64 of 24 to 64 random bytes, as the Standard Webhooks specification has it.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The API's public base URL, to make the thumbnail links of <c>image.ready</c> absolute; relative without it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Deliveries waiting (first tries and retries) that one process holds before it drops new ones.</summary>
    public int MaxPending { get; set; } = 10_000;

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public byte[] SecretBytes => Convert.FromBase64String(WebhookSecret![SecretPrefix.Length..]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme is not ("http" or "https")))
            yield return new("Notifications:WebhookUrl must be an absolute http or https URL.", [nameof(WebhookUrl)]);
        if (WebhookUrl is not null && !ValidSecret(WebhookSecret))
            yield return new("Notifications:WebhookSecret must be 'whsec_' followed by the base64 of 24 to 64 random bytes when Notifications:WebhookUrl is set.", [nameof(WebhookSecret)]);
        if (PublicBaseUrl is { IsAbsoluteUri: false })
            yield return new("Notifications:PublicBaseUrl must be an absolute URL.", [nameof(PublicBaseUrl)]);
        if (MaxPending < 1) yield return new("Notifications:MaxPending must be positive.", [nameof(MaxPending)]);
        if (AttemptTimeout <= TimeSpan.Zero) yield return new("Notifications:AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
    }

    private static bool ValidSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var bytes = new byte[64];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes, out var written) && written >= 24;
    }
}
