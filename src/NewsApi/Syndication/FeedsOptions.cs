namespace NewsApi.Syndication;

/// <summary>The <c>Feeds</c> configuration section: what RSS, Atom and JSON Feed say about the publisher.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>The feeds' title (a section or tag filter adds its name) and the publisher named as their author.</summary>
    public string Title { get; set; } = "NewsApi";

    public string Description { get; set; } = "ताज़ा ख़बरें";

    /// <summary>The RFC 4151 tagging entity of the permanent ids (<c>tag:{entity}:article:{id}</c>): a domain the
    /// publisher held and a date it held it on. By default the host of <c>NewsApi:PublicBaseUrl</c> and 2025. Set it
    /// once and never change it: readers take a new id for a new story, so every item would come back as unread.</summary>
    public string? TaggingEntity { get; set; }
}
