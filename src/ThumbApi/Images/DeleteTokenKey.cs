using System.Security.Cryptography;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;

namespace ThumbApi.Images;

/// <summary>
/// The key delete tokens are signed with: read from its SSM parameter or file, or made there once if it is not there
/// yet. Making it is a create-if-absent, so two instances starting at once end with the same key.
/// </summary>
public sealed class DeleteTokenKey(IOptions<DeleteTokenOptions> options, IOptions<StorageOptions> storage)
{
    private const int KeyBytes = 32;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private byte[]? _key;

    /// <exception cref="DeleteTokenKeyUnavailableException">The key cannot be read or made.</exception>
    public async Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _key) is { } key) return key;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            return _key ??= options.Value.KeyParameter is { } parameter
                ? await FromParameterAsync(parameter, cancellationToken)
                : FromFile(KeyFile);
        }
        catch (Exception e) when (e is AmazonSimpleSystemsManagementException or Amazon.Runtime.AmazonClientException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new DeleteTokenKeyUnavailableException($"The delete-token key could not be read or made: {e.Message}", e);
        }
        finally
        {
            _reading.Release();
        }
    }

    public string KeyFile => options.Value.KeyFile ?? (storage.Value.Provider == StorageProvider.Local
        ? Path.Combine(Path.GetFullPath(storage.Value.LocalRoot), ".delete-token-key")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".thumbapi", "delete-token-key"));

    private static byte[] FromFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                // Readable by its owner only; CreateNew fails if another process made it first, and then its key counts.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!System.OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, create);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes))));
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        return Decode(File.ReadAllText(path));
    }

    private static async Task<byte[]> FromParameterAsync(string parameter, CancellationToken cancellationToken)
    {
        using var ssm = new AmazonSimpleSystemsManagementClient();
        try
        {
            return Decode((await ssm.GetParameterAsync(new GetParameterRequest { Name = parameter, WithDecryption = true }, cancellationToken)).Parameter.Value);
        }
        catch (ParameterNotFoundException)
        {
            try
            {
                await ssm.PutParameterAsync(new PutParameterRequest
                {
                    Name = parameter, Type = ParameterType.SecureString, Overwrite = false,
                    Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)),
                    Description = "Signs ThumbApi's delete tokens. Replacing it invalidates every token handed out.",
                }, cancellationToken);
            }
            catch (ParameterAlreadyExistsException)
            {
                // Another instance made it first: its key is the one.
            }
            return Decode((await ssm.GetParameterAsync(new GetParameterRequest { Name = parameter, WithDecryption = true }, cancellationToken)).Parameter.Value);
        }
    }

    /// <exception cref="FormatException">Not base64, or shorter than 32 bytes.</exception>
    private static byte[] Decode(string stored)
    {
        var key = Convert.FromBase64String(stored.Trim());
        return key.Length >= KeyBytes ? key : throw new FormatException($"The key has {key.Length} bytes; at least {KeyBytes} are needed.");
    }
}

/// <summary>Delete tokens can be neither issued nor checked for now: a <c>503</c>.</summary>
public sealed class DeleteTokenKeyUnavailableException(string message, Exception inner) : Exception(message, inner);
