using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ThumbApi.Security;

/// <summary>
/// The keys <c>POST /uploads</c> accepts: <c>Auth:ApiKeys</c> as configured, or the lines of the
/// <c>Auth:ApiKeysParameter</c> parameter (blank lines and lines starting with <c>#</c> ignored). The parameter is
/// read on first use, again once <c>Auth:ApiKeysRefreshInterval</c> has passed, and again when a key is not found
/// (at most every <see cref="MissRefreshInterval"/>), so a key added or removed takes effect without a redeploy.
/// </summary>
public sealed partial class ApiKeys
{
    /// <summary>How often an unknown key may cause a read: a client guessing keys must not turn into SSM calls.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly AuthOptions _options;
    private readonly IApiKeyParameterReader? _reader;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiKeys> _logger;
    private readonly SemaphoreSlim _reading = new(1, 1);
    // Hashing first gives every comparison the same length, so timing reveals neither a key nor its length.
    private byte[][] _hashes;
    private bool _read;
    private DateTimeOffset _lastAttempt;

    public ApiKeys(IOptions<AuthOptions> options, IServiceProvider services, TimeProvider time, ILogger<ApiKeys> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _hashes = [.. _options.ApiKeys.Select(Hash)];
        // Resolved only when configured: the SSM client needs an AWS region, which a developer machine may not have.
        if (!string.IsNullOrEmpty(_options.ApiKeysParameter)) _reader = services.GetRequiredService<IApiKeyParameterReader>();
    }

    /// <summary>Whether uploads need a key at all: a key parameter is closed even while it lists none.</summary>
    public bool Required => _reader is not null || _hashes.Length > 0;

    /// <exception cref="ApiKeysUnavailableException">The parameter has never been read successfully.</exception>
    public async ValueTask<bool> AcceptsAsync(string given, CancellationToken cancellationToken)
    {
        var hash = Hash(given);
        if (_reader is null) return Matches(hash);

        var lastAttempt = _lastAttempt;
        var sinceLastAttempt = _time.GetUtcNow() - lastAttempt;
        if (!_read || sinceLastAttempt >= _options.ApiKeysRefreshInterval) await ReadAsync(lastAttempt, cancellationToken);
        else if (!Matches(hash) && sinceLastAttempt >= MissRefreshInterval) await ReadAsync(lastAttempt, cancellationToken);
        return Matches(hash);
    }

    private bool Matches(byte[] hash)
    {
        var matched = false;
        foreach (var key in Volatile.Read(ref _hashes)) matched |= CryptographicOperations.FixedTimeEquals(hash, key);
        return matched;
    }

    private async Task ReadAsync(DateTimeOffset lastAttemptSeen, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another request read while this one waited: one read serves both.
            if (_read && _lastAttempt != lastAttemptSeen) return;
            _lastAttempt = _time.GetUtcNow();
            string text;
            try
            {
                text = await _reader!.ReadAsync(_options.ApiKeysParameter!, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!_read) throw new ApiKeysUnavailableException($"The API keys parameter {_options.ApiKeysParameter} could not be read.", e);
                // The last keys read stay valid: an SSM hiccup must not lock every client out.
                LogReadFailed(e, _options.ApiKeysParameter!);
                return;
            }
            var keys = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !line.StartsWith('#')).ToArray();
            Volatile.Write(ref _hashes, [.. keys.Select(Hash)]);
            _read = true;
            LogRead(_options.ApiKeysParameter!, keys.Length);
        }
        finally
        {
            _reading.Release();
        }
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} API keys from {Parameter}")]
    private partial void LogRead(string parameter, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the API keys from {Parameter}; the keys read before stay valid")]
    private partial void LogReadFailed(Exception exception, string parameter);
}
