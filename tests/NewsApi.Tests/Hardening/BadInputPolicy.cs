namespace NewsApi.Tests.Hardening;

/// <summary>When a malformed-looking input may legitimately succeed. Everything else must be a 4xx problem.</summary>
public static class BadInputPolicy
{
    /// <summary>Text that is odd but valid where free text is accepted: a headline may quote SQL, a search may look
    /// for "NEAR(", a description may mention "../", a filter may name a slug that does not exist (an empty list is
    /// the right answer), and a string member may hold digits. Empty and long values are valid text too
    /// where no length rule applies (a query value that is empty reads as absent). Control characters, NUL,
    /// invalid UTF-8 and lone surrogates are never valid text, and numbers, booleans, dates and lists (fields,
    /// formats) have a grammar: those must be refused.</summary>
    public static bool MayBeValid(ContractOperation op, string location, string type, string? format, BadKind kind)
    {
        if (kind == BadKind.Empty && location == "query") return true;
        // An empty path segment is another URL: /v1/articles/ is the list, not an article with an empty id.
        if (kind == BadKind.Empty && location == "path") return true;
        if (type != "string" || format is not null) return false;
        if (kind == BadKind.WrongType) return location != "body";
        return kind is BadKind.Sql or BadKind.Fts or BadKind.Traversal or BadKind.DoubleEncoded or BadKind.Empty
            or BadKind.Long10K or BadKind.Long1M or BadKind.OutOfRange;
    }

    /// <summary>An import is asynchronous: the export is spooled and answered 202, and the worker then fails the
    /// import visibly (its status names the reason) when the file is not a WordPress export. The suite follows the
    /// 202 to the finished import. An empty body and a non-XML media type are refused at once.</summary>
    public static bool XmlMayBeAccepted(BadKind kind) => kind != BadKind.Empty;

    /// <summary>If-None-Match and If-Modified-Since only ever turn a 200 into a 304: a value the service cannot read is
    /// ignored (RFC 9110 §13.1.3, §13.2.1), so any of them may succeed. If-Match guards a write: only <c>*</c> may
    /// succeed (and a list, which might name the current version); anything else is a 412, 428 or 400.</summary>
    public static bool HeaderMayBeValid(string name, BadKind kind) =>
        !name.Equals("If-Match", StringComparison.OrdinalIgnoreCase) || kind is BadKind.Wildcard or BadKind.HugeArray;
}
