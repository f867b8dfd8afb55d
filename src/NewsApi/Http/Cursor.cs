using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsApi.Http;

/// <summary>Opaque paging cursors: the position is signed so a client cannot forge or tamper with one.</summary>
public sealed class CursorCodec(Signer signer)
{
    public string Encode(string position)
    {
        var payload = Encoding.UTF8.GetBytes(position);
        var mac = signer.Sign("cursor", payload).AsSpan(0, 12);
        return WebEncoders.Base64UrlEncode([.. mac, .. payload]);
    }

    public bool TryDecode(string? cursor, out string position)
    {
        position = "";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2048) return false;
        byte[] raw;
        try { raw = WebEncoders.Base64UrlDecode(cursor); }
        catch (FormatException) { return false; }
        if (raw.Length <= 12) return false;
        var payload = raw.AsSpan(12);
        var expected = signer.Sign("cursor", payload.ToArray()).AsSpan(0, 12);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw.AsSpan(0, 12))) return false;
        try { position = new UTF8Encoding(false, true).GetString(payload); }
        catch (DecoderFallbackException) { return false; }
        return true;
    }
}

/// <summary>HMAC-SHA256 with the installation's secret, separated by purpose.</summary>
public sealed class Signer(byte[] key)
{
    public byte[] Sign(string purpose, byte[] payload)
    {
        var purposeBytes = Encoding.UTF8.GetBytes(purpose + "\n");
        byte[] message = [.. purposeBytes, .. payload];
        return HMACSHA256.HashData(key, message);
    }
}
