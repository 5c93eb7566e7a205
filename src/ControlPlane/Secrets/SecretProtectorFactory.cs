using Microsoft.Extensions.Options;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>Builds the protector from <see cref="SecretsOptions"/>; a missing or malformed key fails at start naming the setting.</summary>
internal static class SecretProtectorFactory
{
    public static SecretProtector Create(IOptions<SecretsOptions> options)
    {
        var settings = options.Value;
        var encoded = settings.Key;
        if (string.IsNullOrWhiteSpace(encoded) && !string.IsNullOrWhiteSpace(settings.KeyFile))
        {
            if (!File.Exists(settings.KeyFile)) throw new OptionsValidationException(nameof(SecretsOptions), typeof(SecretsOptions), [$"Secrets:KeyFile names a file that does not exist"]);
            encoded = File.ReadAllText(settings.KeyFile).Trim();
        }

        if (string.IsNullOrWhiteSpace(encoded))
            throw new OptionsValidationException(nameof(SecretsOptions), typeof(SecretsOptions), ["set Secrets:Key (base64 of 32 bytes) or Secrets:KeyFile"]);

        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new OptionsValidationException(nameof(SecretsOptions), typeof(SecretsOptions), ["the master key (Secrets:Key or Secrets:KeyFile) is not base64"]);
        }

        if (key.Length != 32)
            throw new OptionsValidationException(nameof(SecretsOptions), typeof(SecretsOptions), ["the master key (Secrets:Key or Secrets:KeyFile) must decode to 32 bytes"]);
        return new SecretProtector(settings.KeyId, key);
    }
}
