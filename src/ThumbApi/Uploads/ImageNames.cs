using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ThumbApi.Uploads;

/// <summary>
/// Names the server gives uploaded images: a ULID (time-ordered, 26 characters of Crockford base32, unique without
/// coordination) and the extension of the content type, so that the client's file name never becomes a path.
/// </summary>
public static class ImageNames
{
    public static readonly IReadOnlyDictionary<string, string> ExtensionByContentType = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "jpg",
        ["image/png"] = "png",
        ["image/gif"] = "gif",
        ["image/webp"] = "webp",
    };

    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string contentType, DateTimeOffset now) => $"{Ulid(now)}.{ExtensionByContentType[contentType]}";

    private static string Ulid(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = now.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, milliseconds >>= 8) bytes[i] = (byte)milliseconds;
        RandomNumberGenerator.Fill(bytes[6..]);

        // 128 bits as 26 base32 digits, most significant first (the first digit carries only 3 bits).
        var value = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--, value >>= 5) chars[i] = Crockford[(int)(value & 31)];
        return new string(chars);
    }
}
