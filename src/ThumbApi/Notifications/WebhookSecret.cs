using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Options;

namespace ThumbApi.Notifications;

/// <summary>
/// The key deliveries are signed with: <c>Notifications:WebhookSecret</c>, or the SSM SecureString
/// <c>Notifications:WebhookSecretParameter</c> names, read at the first delivery and again after five minutes, so
/// that a rotated secret is in use within five minutes without a deploy.
/// </summary>
public sealed class WebhookSecret(IOptions<NotificationOptions> options, TimeProvider time, Func<IAmazonSimpleSystemsManagement> ssm)
{
    public static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(5);

    // Deliveries of one batch read it at once; a second read on a cold start costs one more GetParameter, no more.
    private volatile Cached? _cached;

    private sealed record Cached(byte[] Key, DateTimeOffset ReadAt);

    /// <exception cref="WebhookSecretUnavailableException">The parameter cannot be read, or holds no secret.</exception>
    public async ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookSecretParameter is not { } parameter) return NotificationOptions.KeyOf(settings.WebhookSecret!);
        if (_cached is { } cached && time.GetUtcNow() - cached.ReadAt < RereadAfter) return cached.Key;

        string value;
        try
        {
            var response = await ssm().GetParameterAsync(new GetParameterRequest { Name = parameter, WithDecryption = true }, cancellationToken);
            value = response.Parameter.Value;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw new WebhookSecretUnavailableException($"The webhook secret's parameter {parameter} cannot be read: {e.Message}", e);
        }
        if (!NotificationOptions.IsValidSecret(value))
            throw new WebhookSecretUnavailableException(
                $"The parameter {parameter} does not hold a webhook secret: 'whsec_' followed by the base64 of 24 to 64 random bytes.", null);
        var key = NotificationOptions.KeyOf(value);
        _cached = new Cached(key, time.GetUtcNow());
        return key;
    }
}
