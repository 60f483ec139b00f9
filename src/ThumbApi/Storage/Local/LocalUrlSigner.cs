using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.Local;

/// <summary>HMAC-SHA256 signatures for the embedded store's upload policies and download URLs.</summary>
public sealed class LocalUrlSigner(IOptions<StorageOptions> options)
{
    private readonly byte[] _key = string.IsNullOrEmpty(options.Value.SigningKey)
        ? RandomNumberGenerator.GetBytes(32)
        : Convert.FromBase64String(options.Value.SigningKey);

    public string Sign(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    public bool IsValid(string value, string? signature)
    {
        if (signature is null || signature.Length != 64) return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
    }
}
