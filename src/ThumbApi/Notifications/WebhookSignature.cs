using System.Security.Cryptography;
using System.Text;

namespace ThumbApi.Notifications;

/// <summary>
/// The Standard Webhooks signature (https://www.standardwebhooks.com/): HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>
/// under the secret's bytes, base64, after the version <c>v1,</c>.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(byte[] secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
