using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ThumbApi.Hosting;

public static class ValidatableOptions
{
    /// <summary>
    /// Validates the options through their own <see cref="IValidatableObject.Validate"/>. This replaces
    /// <c>ValidateDataAnnotations</c>, which discovers attributes by reflection that trimming and Native AOT cannot
    /// follow; our options types carry no validation attributes, all their rules are in <c>Validate</c>.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateObject<TOptions>(this OptionsBuilder<TOptions> builder)
        where TOptions : class, IValidatableObject
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new Validator<TOptions>(builder.Name));
        return builder;
    }

    private sealed class Validator<TOptions>(string? name) : IValidateOptions<TOptions>
        where TOptions : class, IValidatableObject
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
            // This constructor takes the display name instead of reading it from the type by reflection.
            var context = new ValidationContext(options, typeof(TOptions).Name, serviceProvider: null, items: null);
            var failures = options.Validate(context)
                .Select(r => $"Validation failed for '{typeof(TOptions).Name}' members: '{string.Join(",", r.MemberNames)}' with the error: '{r.ErrorMessage}'.")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
