using Microsoft.Extensions.Options;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// Builds the key ring from <see cref="SecretsOptions"/>. Every problem is reported naming the setting, never the key:
/// a key that is missing, not base64, not 32 bytes, in a file that cannot be read, or a key id given twice.
/// </summary>
internal static class SecretProtectorFactory
{
    private const string KeyIdRule = "1 to 32 letters, digits, '.', '_' or '-'";

    public static SecretProtector Create(IOptions<SecretsOptions> options)
    {
        var errors = new List<string>();
        return TryCreate(options.Value, errors) ?? throw new OptionsValidationException(Options.DefaultName, typeof(SecretsOptions), errors);
    }

    /// <returns>The protector, or null with <paramref name="errors"/> saying why.</returns>
    public static SecretProtector? TryCreate(SecretsOptions settings, List<string> errors)
    {
        if (!SecretProtector.IsValidKeyId(settings.KeyId)) errors.Add($"Secrets:KeyId is not a valid key id ({KeyIdRule})");

        // Secrets:Key wins over Secrets:KeyFile, so an environment variable can override a file named in appsettings.json.
        var current = string.IsNullOrWhiteSpace(settings.Key) && !string.IsNullOrWhiteSpace(settings.KeyFile)
            ? ReadKeyFile("Secrets:KeyFile", settings.KeyFile, errors)
            : Decode("Secrets:Key", settings.Key, errors, ifEmpty: "set Secrets:Key (base64 of 32 bytes) or Secrets:KeyFile");

        var previous = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var keyId in settings.PreviousKeys.Keys.Union(settings.PreviousKeyFiles.Keys, StringComparer.Ordinal))
        {
            if (ReadPreviousKey(settings, keyId, errors) is { } key) previous[keyId] = key;
        }

        return errors.Count == 0 ? new SecretProtector(settings.KeyId, current!, previous) : null;
    }

    private static byte[]? ReadPreviousKey(SecretsOptions settings, string keyId, List<string> errors)
    {
        var inline = settings.PreviousKeys.TryGetValue(keyId, out var encoded);
        var inFile = settings.PreviousKeyFiles.TryGetValue(keyId, out var path);
        var setting = inline ? $"Secrets:PreviousKeys:{keyId}" : $"Secrets:PreviousKeyFiles:{keyId}";
        if (inline && inFile)
        {
            errors.Add($"Secrets:PreviousKeys:{keyId} and Secrets:PreviousKeyFiles:{keyId} both set key '{keyId}'; keep one");
            return null;
        }

        if (!SecretProtector.IsValidKeyId(keyId))
        {
            errors.Add($"{setting}: the key id is not valid ({KeyIdRule})");
            return null;
        }

        if (keyId == settings.KeyId)
        {
            errors.Add($"{setting} has the id of the current key (Secrets:KeyId); a key id names one key, so give a new key a new id");
            return null;
        }

        return inline
            ? Decode(setting, encoded, errors, ifEmpty: $"{setting} is empty")
            : ReadKeyFile(setting, path, errors);
    }

    private static byte[]? ReadKeyFile(string setting, string? path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            errors.Add($"{setting} is empty");
            return null;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{setting} names a file that does not exist");
            return null;
        }

        try
        {
            return Decode($"the file named by {setting}", File.ReadAllText(path).Trim(), errors, ifEmpty: $"the file named by {setting} is empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{setting} names a file that cannot be read ({ex.GetType().Name})");
            return null;
        }
    }

    private static byte[]? Decode(string what, string? encoded, List<string> errors, string ifEmpty)
    {
        if (string.IsNullOrWhiteSpace(encoded))
        {
            errors.Add(ifEmpty);
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            errors.Add($"{what} is not base64");
            return null;
        }

        if (key.Length == 32) return key;
        errors.Add($"{what} must decode to 32 bytes (AES-256), not {key.Length}");
        return null;
    }
}
