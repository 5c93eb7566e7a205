using Microsoft.Extensions.Options;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>Loads the whole key ring once at start, so a missing, unreadable or malformed key fails there, naming the setting.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var errors = new List<string>();
        SecretProtectorFactory.TryCreate(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
