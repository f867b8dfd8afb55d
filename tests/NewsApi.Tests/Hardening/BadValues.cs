using System.Text;

namespace NewsApi.Tests.Hardening;

/// <summary>What kind of malformed value a case sends; <see cref="BadInputPolicy"/> decides per kind whether a 2xx can be right.</summary>
public enum BadKind
{
    WrongType, Empty, Long10K, Long1M, Control, Nul, InvalidUtf8, LoneSurrogate, Deep, HugeArray, OutOfRange, Sql, Fts, Traversal, DoubleEncoded,
    /// <summary>A valid value that matches anything (If-Match: *).</summary>
    Wildcard,
}

/// <summary>A malformed value: for a URL, already percent-encoded as it goes on the wire; for JSON, the raw JSON text (or bytes).</summary>
public sealed record BadValue(BadKind Kind, string Label, byte[] Raw)
{
    public static BadValue Text(BadKind kind, string label, string raw) => new(kind, label, Encoding.UTF8.GetBytes(raw));

    public string AsText => Encoding.UTF8.GetString(Raw);
}

/// <summary>The malformed values the suite sends, by where they go.</summary>
public static class BadValues
{
    private static readonly string Ten = new('a', 10_000);

    /// <summary>Once per operation: a million characters, in the first parameter or member it has.</summary>
    public static readonly string Million = new('a', 1_000_000);

    /// <summary>For a path or query parameter of <paramref name="type"/>, percent-encoded as sent.</summary>
    public static IEnumerable<BadValue> ForUrl(string type, string? format)
    {
        if (type is "integer" or "number") yield return BadValue.Text(BadKind.WrongType, "not a number", "abc");
        if (type == "boolean") yield return BadValue.Text(BadKind.WrongType, "not a boolean", "maybe");
        if (format == "date-time") yield return BadValue.Text(BadKind.WrongType, "not a date", "yesterday");
        if (type is "string" or "array") yield return BadValue.Text(BadKind.WrongType, "object syntax", "%7B%22a%22%3A1%7D");
        yield return BadValue.Text(BadKind.Empty, "empty", "");
        yield return BadValue.Text(BadKind.Long10K, "10k characters", Ten);
        yield return BadValue.Text(BadKind.Control, "control characters", "a%01%1F%7Fb");
        yield return BadValue.Text(BadKind.Control, "CR LF", "a%0D%0Ab");
        yield return BadValue.Text(BadKind.Nul, "NUL", "a%00b");
        yield return BadValue.Text(BadKind.InvalidUtf8, "%C3%28", "%C3%28");
        yield return BadValue.Text(BadKind.InvalidUtf8, "%FF", "%FF");
        yield return BadValue.Text(BadKind.LoneSurrogate, "encoded lone surrogate", "%ED%A0%80");
        yield return BadValue.Text(BadKind.OutOfRange, "1e400", "1e400");
        yield return BadValue.Text(BadKind.OutOfRange, "-1", "-1");
        yield return BadValue.Text(BadKind.OutOfRange, "2^63", "9223372036854775808");
        yield return BadValue.Text(BadKind.Sql, "SQL", "%27%20OR%201%3D1%20--");
        yield return BadValue.Text(BadKind.Fts, "FTS NEAR", "%22*%22%20NEAR(");
        yield return BadValue.Text(BadKind.Fts, "FTS AND OR", "a%20AND%20OR");
        yield return BadValue.Text(BadKind.Traversal, "raw ../", "../../etc/passwd");
        yield return BadValue.Text(BadKind.Traversal, "encoded ../", "%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        yield return BadValue.Text(BadKind.DoubleEncoded, "double-encoded ../", "%252e%252e%252f");
    }

    /// <summary>For a conditional request header: entity tags (If-Match, If-None-Match) or an HTTP date (If-Modified-Since).</summary>
    public static IEnumerable<BadValue> ForHeader(string name)
    {
        yield return BadValue.Text(BadKind.Empty, "empty", "");
        yield return BadValue.Text(BadKind.Long10K, "10k characters", Ten);
        yield return BadValue.Text(BadKind.Control, "control characters", "\"1\u0001\u007f\"");
        yield return BadValue.Text(BadKind.Nul, "NUL", "\"1\0\"");
        yield return BadValue.Text(BadKind.WrongType, "Devanagari", "\"संस्करण\"");
        yield return BadValue.Text(BadKind.Sql, "SQL", "\"1' OR 1=1 --\"");
        if (name.Equals("If-Modified-Since", StringComparison.OrdinalIgnoreCase))
        {
            yield return BadValue.Text(BadKind.WrongType, "not a date", "yesterday");
            yield return BadValue.Text(BadKind.OutOfRange, "31 February", "Mon, 31 Feb 2025 10:00:00 GMT");
            yield return BadValue.Text(BadKind.OutOfRange, "year 9999", "Fri, 31 Dec 9999 23:59:59 GMT");
            yield return BadValue.Text(BadKind.OutOfRange, "year 1", "Mon, 01 Jan 0001 00:00:00 GMT");
            yield return BadValue.Text(BadKind.OutOfRange, "Unix seconds", "99999999999999999999");
            yield break;
        }
        yield return BadValue.Text(BadKind.Wildcard, "*", "*");
        yield return BadValue.Text(BadKind.WrongType, "unquoted", "1");
        yield return BadValue.Text(BadKind.WrongType, "unterminated", "\"1");
        yield return BadValue.Text(BadKind.WrongType, "weak", "W/\"1\"");
        yield return BadValue.Text(BadKind.WrongType, "not a tag", "abc def");
        yield return BadValue.Text(BadKind.OutOfRange, "2^63", "\"9223372036854775808\"");
        yield return BadValue.Text(BadKind.OutOfRange, "-1", "\"-1\"");
        yield return BadValue.Text(BadKind.OutOfRange, "version.hash of 10k", "\"1." + Ten + "\"");
        yield return BadValue.Text(BadKind.HugeArray, "1,000 tags", string.Join(", ", Enumerable.Range(1000, 1000).Select(i => $"\"{i}\"")));
        yield return BadValue.Text(BadKind.WrongType, "list with *", "\"1\", *");
    }

    /// <summary>For a top-level JSON member of <paramref name="type"/>, as JSON text.</summary>
    public static IEnumerable<BadValue> ForMember(string type)
    {
        yield return type switch
        {
            "string" => BadValue.Text(BadKind.WrongType, "number for a string", "12345"),
            "array" => BadValue.Text(BadKind.WrongType, "string for an array", "\"x\""),
            "object" => BadValue.Text(BadKind.WrongType, "string for an object", "\"x\""),
            _ => BadValue.Text(BadKind.WrongType, $"string for a {type}", "\"yes\""),
        };
        yield return BadValue.Text(BadKind.WrongType, "object", "{\"a\":1}");
        yield return BadValue.Text(BadKind.Empty, "empty string", "\"\"");
        yield return BadValue.Text(BadKind.Long10K, "10k characters", $"\"{Ten}\"");
        yield return BadValue.Text(BadKind.Control, "escaped control characters", "\"a\\u0001\\u001f\\u007fb\"");
        yield return BadValue.Text(BadKind.Control, "raw control character", "\"a\u0001b\"");
        yield return BadValue.Text(BadKind.Nul, "NUL", "\"a\\u0000b\"");
        yield return new BadValue(BadKind.InvalidUtf8, "invalid UTF-8 bytes", [(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"']);
        yield return BadValue.Text(BadKind.LoneSurrogate, "lone surrogate", "\"a\\ud800b\"");
        yield return BadValue.Text(BadKind.OutOfRange, "1e400", "1e400");
        yield return BadValue.Text(BadKind.OutOfRange, "-1", "-1");
        yield return BadValue.Text(BadKind.OutOfRange, "2^63", "9223372036854775808");
        yield return BadValue.Text(BadKind.Sql, "SQL", "\"' OR 1=1 --\"");
        yield return BadValue.Text(BadKind.Fts, "FTS", "\"\\\"*\\\" NEAR(\"");
        yield return BadValue.Text(BadKind.Fts, "FTS AND OR", "\"a AND OR\"");
        yield return BadValue.Text(BadKind.Traversal, "../", "\"../../etc/passwd\"");
        yield return BadValue.Text(BadKind.DoubleEncoded, "double-encoded", "\"%252e%252e%252f\"");
        if (type is "array") yield return BadValue.Text(BadKind.HugeArray, "100k items", "[" + string.Join(',', Enumerable.Repeat("\"x\"", 100_000)) + "]");
        if (type is "array" or "object") yield return BadValue.Text(BadKind.Deep, "10,000 deep", Nested(10_000));
    }

    /// <summary>Bodies that are wrong as a whole, for any JSON operation.</summary>
    public static IEnumerable<(BadValue Value, string? ContentType)> WholeJsonBodies(string mediaType)
    {
        yield return (BadValue.Text(BadKind.Empty, "no body", ""), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "truncated", "{"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "not JSON", "not json"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "array", "[]"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "null", "null"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "string", "\"text\""), mediaType);
        yield return (BadValue.Text(BadKind.OutOfRange, "number 1e400", "1e400"), mediaType);
        yield return (new BadValue(BadKind.InvalidUtf8, "invalid UTF-8", [(byte)'{', 0xFF, 0xC3, 0x28, (byte)'}']), mediaType);
        yield return (BadValue.Text(BadKind.Nul, "NUL byte", "{\0}"), mediaType);
        yield return (BadValue.Text(BadKind.Deep, "arrays 10,000 deep", Nested(10_000)), mediaType);
        yield return (BadValue.Text(BadKind.Deep, "objects 10,000 deep", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), mediaType);
        yield return (BadValue.Text(BadKind.HugeArray, "100k-item array", "[" + string.Join(',', Enumerable.Repeat("1", 100_000)) + "]"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "JSON sent as text/plain", "{}"), "text/plain");
        yield return (BadValue.Text(BadKind.WrongType, "no content type", "{}"), null);
    }

    /// <summary>Bodies for the WordPress import (XML): bombs, external entities, broken text.</summary>
    public static IEnumerable<(BadValue Value, string? ContentType)> XmlBodies(string mediaType)
    {
        yield return (BadValue.Text(BadKind.Empty, "no body", ""), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "not XML", "not xml"), mediaType);
        yield return (BadValue.Text(BadKind.WrongType, "JSON", "{}"), "application/json");
        yield return (BadValue.Text(BadKind.Deep, "billion laughs", BillionLaughs), mediaType);
        yield return (BadValue.Text(BadKind.Traversal, "external entity", """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>"""), mediaType);
        yield return (BadValue.Text(BadKind.Traversal, "external DTD", """<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd"><rss version="2.0"><channel/></rss>"""), mediaType);
        yield return (new BadValue(BadKind.InvalidUtf8, "invalid UTF-8", [.. Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("</title></channel></rss>")]), mediaType);
        yield return (BadValue.Text(BadKind.Nul, "NUL", "<rss version=\"2.0\"><channel><title>a\0b</title></channel></rss>"), mediaType);
        yield return (BadValue.Text(BadKind.Deep, "elements 10,000 deep", "<rss version=\"2.0\"><channel>" + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + "</channel></rss>"), mediaType);
        yield return (BadValue.Text(BadKind.Long1M, "1M characters", "<rss version=\"2.0\"><channel><title>" + Million + "</title></channel></rss>"), mediaType);
    }

    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title></channel></rss>
        """;
}
