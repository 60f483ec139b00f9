using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ThumbApi.Delivery.Refresh;

/// <summary><c>Refresh:*</c>: where the api function sends the refreshes its lookups ask for (Terraform sets them).</summary>
public sealed partial class RefreshOptions : IValidatableObject
{
    public const string Section = "Refresh";

    /// <summary>The <c>thumbnails</c> function's name (<c>Refresh__FunctionName</c>).</summary>
    public string? FunctionName { get; set; }

    /// <summary>The function's region; Lambda sets <c>AWS_REGION</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Lambda's endpoint; by default the region's public one.</summary>
    public Uri? Endpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FunctionName is null || !FunctionNamePattern().IsMatch(FunctionName))
            yield return new("Refresh:FunctionName must be the thumbnails function's name (1–64 characters of A–Z, a–z, 0–9, '-' and '_').", [nameof(FunctionName)]);
        if (string.IsNullOrEmpty(Region))
            yield return new("Refresh:Region (or AWS_REGION) must name the thumbnails function's region.", [nameof(Region)]);
        if (Endpoint is { IsAbsoluteUri: false })
            yield return new("Refresh:Endpoint must be an absolute URL.", [nameof(Endpoint)]);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();
}
