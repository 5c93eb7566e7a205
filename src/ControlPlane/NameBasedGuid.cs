using System.Security.Cryptography;
using System.Text;

namespace FhirSync.ControlPlane;

/// <summary>A GUID that is the same every time for the same name (RFC 9562 layout, SHA-256 based), for ids that must repeat.</summary>
public static class NameBasedGuid
{
    public static Guid Of(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
