using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsApi.Webhooks;

/// <summary>Standard Webhooks signing (standardwebhooks.com): <c>v1,</c> + base64 HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64 part of the <c>whsec_</c> secret. Any
/// Standard Webhooks library verifies it.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: whsec_ and 24 random bytes in base64 (192 bits).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret, space-separated (during a
    /// rotation, the new secret's and the previous one's; a receiver accepts any that verifies).</summary>
    public static string Header(string eventId, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Sign(eventId, timestamp, body, secret)));

    public static string Sign(string eventId, long timestamp, string body, string secret)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{eventId}.{timestamp}.{body}"));
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
