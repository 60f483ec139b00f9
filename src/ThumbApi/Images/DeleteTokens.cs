using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ThumbApi.Images;

/// <summary>
/// The credential <c>POST /uploads</c> hands out with each upload and <c>DELETE /uploads/{name}</c> accepts: an
/// HMAC-SHA256 of the image's name under the service's key. Nothing is stored per image, a token opens exactly one
/// name, and only the key's holder can make one.
/// </summary>
public sealed class DeleteTokens(DeleteTokenKey key)
{
    // A purpose of its own, so that a MAC made with the key for anything else can never pass as a delete token.
    private static readonly byte[] Purpose = "thumbapi/delete-token/v1\n"u8.ToArray();
    private const int TokenLength = 43;

    /// <exception cref="DeleteTokenKeyUnavailableException">The key cannot be read or made.</exception>
    public async Task<string> IssueAsync(ImageName name, CancellationToken cancellationToken) =>
        Base64Url.EncodeToString(Mac(await key.GetAsync(cancellationToken), name));

    /// <exception cref="DeleteTokenKeyUnavailableException">The key cannot be read or made.</exception>
    public async Task<bool> AcceptsAsync(ImageName name, string token, CancellationToken cancellationToken)
    {
        var expected = Mac(await key.GetAsync(cancellationToken), name);
        // Only the exact spelling handed out (43 characters, no padding) is decoded at all; the bytes are then
        // compared in constant time.
        if (token.Length != TokenLength || !Base64Url.IsValid(token)) return false;
        return CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(token), expected);
    }

    private static byte[] Mac(byte[] key, ImageName name) =>
        HMACSHA256.HashData(key, (byte[])[.. Purpose, .. Encoding.UTF8.GetBytes(name.Value)]);
}
