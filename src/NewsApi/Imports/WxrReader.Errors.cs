using System.Text.RegularExpressions;
using System.Xml;

namespace NewsApi.Imports;

/// <summary>XmlReader's errors in words a newsroom understands, with the line and column where the file went wrong.</summary>
public sealed partial class WxrReader
{
    private WxrFormatException FromXml(XmlException e)
    {
        var message = LinePositionSuffix().Replace(e.Message, "").Trim();
        if (message.Contains("DTD", StringComparison.Ordinal))
            message = "the file declares a DTD (<!DOCTYPE …>); a WordPress export never has one, and it is refused so that entity expansion cannot be abused.";
        else if (message.StartsWith("Root element is missing", StringComparison.Ordinal))
            message = "the file is empty: expected a WordPress export (<rss> with a <channel>).";
        else if (message.StartsWith("Unexpected end of file", StringComparison.Ordinal))
            message = "the file ends too early (truncated?): " + message;
        else message = "the file is not well-formed XML: " + message;
        // XmlReader refuses a DTD without saying where it is: it is in the prolog, so the file's start shows it.
        var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : DoctypePosition();
        return new WxrFormatException(message, line, column);
    }

    private (int Line, int Column) DoctypePosition()
    {
        if (!_stream.CanSeek) return (0, 0);
        _stream.Position = 0;
        var buffer = new char[64 * 1024];
        using var text = new StreamReader(_stream, System.Text.Encoding.UTF8, true, 4096, leaveOpen: true);
        var length = text.ReadBlock(buffer, 0, buffer.Length);
        var prolog = new string(buffer, 0, length);
        var at = prolog.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (at < 0) return (0, 0);
        var lineStart = prolog.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return (prolog.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex LinePositionSuffix();
}
