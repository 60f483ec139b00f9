using System.ComponentModel.DataAnnotations;

namespace ThumbApi.Security;

public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>When any is set, <c>POST /uploads</c> requires one of them in <c>X-Api-Key</c>; reads stay public.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// An SSM Parameter Store SecureString holding the keys, one per line (how Terraform configures the api function;
    /// the keys then never appear in its environment). When set, uploads need a key even while the parameter lists none.
    /// </summary>
    public string? ApiKeysParameter { get; set; }

    /// <summary>How long keys read from <see cref="ApiKeysParameter"/> are used before they are read again.</summary>
    public TimeSpan ApiKeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeysRefreshInterval <= TimeSpan.Zero) yield return new("Auth:ApiKeysRefreshInterval must be positive.", [nameof(ApiKeysRefreshInterval)]);
        if (ApiKeysParameter is not null && !ApiKeysParameter.StartsWith('/'))
            yield return new("Auth:ApiKeysParameter must be a parameter name starting with /.", [nameof(ApiKeysParameter)]);
    }
}

public sealed class RateLimitingOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>Sustained upload requests per client IP and minute.</summary>
    public int UploadsPerMinute { get; set; } = 60;

    /// <summary>Upload requests a client may make at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UploadsPerMinute < 1) yield return new("RateLimiting:UploadsPerMinute must be positive.", [nameof(UploadsPerMinute)]);
        if (Burst < 1) yield return new("RateLimiting:Burst must be positive.", [nameof(Burst)]);
    }
}

public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins (<c>https://example.com</c>) whose pages may call the API; none means same-origin only.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
