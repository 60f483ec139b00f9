using System.ComponentModel.DataAnnotations;

namespace ThumbApi.Images;

/// <summary>
/// <c>DeleteTokens:*</c>: where the key that signs delete tokens lives. It is made once, at first use, and kept, so
/// tokens survive restarts and every instance accepts every other's.
/// </summary>
public sealed class DeleteTokenOptions : IValidatableObject
{
    public const string Section = "DeleteTokens";

    /// <summary>An SSM Parameter Store SecureString (how Terraform configures the api function).</summary>
    public string? KeyParameter { get; set; }

    /// <summary>
    /// A file, when there is no parameter. By default <c>.delete-token-key</c> in the embedded store's folder, or
    /// <c>~/.thumbapi/delete-token-key</c> with another store.
    /// </summary>
    public string? KeyFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyParameter is not null && !KeyParameter.StartsWith('/'))
            yield return new("DeleteTokens:KeyParameter must be a parameter name starting with /.", [nameof(KeyParameter)]);
    }
}
