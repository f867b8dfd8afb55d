namespace NewsApi.Access;

public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Author = "author";
    public const string Partner = "partner";
    public const string Reader = "reader";

    public static readonly string[] All = [Admin, Editor, Author, Partner, Reader];
}

/// <summary>Authorization policy names, set once on route groups.</summary>
public static class Policies
{
    /// <summary>Any valid key (reader, partner, author, editor, admin): the content API when <c>ContentApi:RequireKey</c> is on.</summary>
    public const string Reader = "reader";

    /// <summary>The editorial API: authors, editors, admins.</summary>
    public const string Newsroom = "newsroom";

    /// <summary>Publishing and taxonomy: editors and admins.</summary>
    public const string Editor = "editor";

    /// <summary>The partner (syndication) API: partners and admins. Readers, authors and editors are refused: the
    /// partner API is a licence to republish, which a newsroom key does not carry.</summary>
    public const string Partner = "partner";

    /// <summary>Keys (and later webhooks): admins.</summary>
    public const string Admin = "admin";
}

public static class NewsClaims
{
    public const string KeyId = "newsapi:key_id";
    public const string AuthorId = "newsapi:author_id";
}
