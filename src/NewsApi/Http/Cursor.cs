using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsApi.Http;

/// <summary>Opaque paging cursors: the position is signed together with the list it belongs to, so a
/// client can neither forge or alter one nor carry it to another list.</summary>
public sealed class CursorCodec(Signer signer)
{
    public const string Invalid = "The cursor is not one this API issued for this list (it may be truncated or altered).";
    private const int MacLength = 12;

    /// <param name="list">Which list the cursor pages: "feed", "search", "tags", "revisions", …</param>
    public string Encode(string list, string position)
    {
        var payload = Encoding.UTF8.GetBytes(position);
        var mac = signer.Sign("cursor:" + list, payload).AsSpan(0, MacLength);
        return WebEncoders.Base64UrlEncode([.. mac, .. payload]);
    }

    public string Encode(string list, long position) => Encode(list, position.ToString(CultureInfo.InvariantCulture));

    public bool TryDecode(string list, string? cursor, out string position)
    {
        position = "";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2048) return false;
        byte[] raw;
        try { raw = WebEncoders.Base64UrlDecode(cursor); }
        catch (FormatException) { return false; }
        if (raw.Length <= MacLength) return false;
        var payload = raw.AsSpan(MacLength);
        var expected = signer.Sign("cursor:" + list, payload.ToArray()).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw.AsSpan(0, MacLength))) return false;
        try { position = new UTF8Encoding(false, true).GetString(payload); }
        catch (DecoderFallbackException) { return false; }
        return true;
    }

    public bool TryDecode(string list, string? cursor, out long position)
    {
        position = 0;
        return TryDecode(list, cursor, out string text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position);
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
