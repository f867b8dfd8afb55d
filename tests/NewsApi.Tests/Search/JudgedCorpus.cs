namespace NewsApi.Tests.Search;

/// <summary>A topic of the generated corpus: its word as Hindi news spells it (the spellings in use, rotated over
/// its articles), a headline and a sentence around it, and what a reader types for it in Latin letters.</summary>
public sealed record JudgedTopic(string Name, string[] Spellings, string Headline, string Sentence);

/// <summary>One generated article: its topic and place (the judgments), the topic its body also mentions, and the
/// spelling it uses.</summary>
public sealed record JudgedArticle(string Topic, string Place, string Mentions, string Headline, string Body, int Age);

/// <summary>A judged query: relevant articles are those of its topic (grade 2; of another place than the one
/// asked, 1) and those that mention the topic (grade 1, unless a place is asked). Seed-page articles are judged
/// by <paramref name="Judge"/>: 2 when the headline has one of those words, 1 when only the body does.</summary>
public sealed record JudgedQuery(string Q, string? Topic, string? Place, params string[] Judge);

/// <summary>The fixed corpus of the judged-relevance measure (README, "Ranking quality"): the seed page plus
/// <see cref="Articles"/>, three per topic in three places, spelt in each of the topic's spellings.</summary>
public static class JudgedCorpus
{
    public static readonly string[] Places = ["असम", "बिहार", "दिल्ली", "केरल", "पंजाब", "मुंबई"];

    public static readonly IReadOnlyList<JudgedTopic> Topics =
    [
        new("flood", ["बाढ़", "बाढ"], "{0} से कई गांव डूबे, राहत कार्य तेज", "{0} के कारण हजारों लोग बेघर हो गए हैं"),
        new("earthquake", ["भूकंप", "भूकम्प"], "{0} के झटकों से दहशत, कई मकान ढहे", "रिक्टर पैमाने पर {0} की तीव्रता 5.8 मापी गई"),
        new("drone", ["ड्रोन"], "सीमा के पास संदिग्ध {0} मार गिराया गया", "सुरक्षा बलों ने {0} से हथियार बरामद किए"),
        new("tariff", ["टैरिफ"], "आयात पर नया {0} लागू, निर्यातकों की चिंता बढ़ी", "व्यापार मंडल ने कहा कि {0} से महंगाई बढ़ेगी"),
        new("election", ["चुनाव"], "पंचायत {0} में रिकॉर्ड मतदान", "{0} आयोग ने मतगणना की तारीख घोषित की"),
        new("cricket", ["क्रिकेट"], "रणजी {0} में स्थानीय टीम की बड़ी जीत", "{0} संघ ने युवा खिलाड़ियों को सम्मानित किया"),
        new("village", ["गाँव", "गांव"], "{0} की सड़क पांच साल से अधूरी", "{0} के लोगों ने श्रमदान से रास्ता बनाया"),
        new("road", ["सड़क", "सडक"], "बारिश में {0} धंसी, यातायात ठप", "लोक निर्माण विभाग ने {0} की मरम्मत शुरू की"),
        new("college", ["कॉलेज", "कालेज"], "{0} में दाखिले की दौड़, कटऑफ ऊंची", "{0} प्रशासन ने नई सीटों की घोषणा की"),
        new("police", ["पुलिस"], "{0} ने चोरी के गिरोह का पर्दाफाश किया", "{0} अधीक्षक ने मामले की जांच के आदेश दिए"),
        new("vaccine", ["वैक्सीन"], "बच्चों के लिए नई {0} को मंजूरी", "स्वास्थ्य विभाग ने {0} की पहली खेप बांटी"),
        new("hindi", ["हिंदी", "हिन्दी"], "{0} दिवस पर कवि सम्मेलन", "{0} भाषा के प्रचार के लिए पुरस्कार दिए गए"),
        new("station", ["स्टेशन"], "रेलवे {0} पर भगदड़, कई घायल", "{0} मास्टर ने अतिरिक्त ट्रेनें चलाने की मांग की"),
        new("budget", ["बजट"], "राज्य {0} में किसानों के लिए नई योजनाएं", "वित्त मंत्री ने {0} भाषण में घाटे का जिक्र किया"),
        new("rain", ["बारिश"], "भारी {0} का अलर्ट, स्कूल बंद", "मौसम विभाग ने अगले दो दिन {0} की चेतावनी दी"),
    ];

    /// <summary>Three articles per topic, in three places, each spelling in turn; each body mentions the next topic.
    /// <c>Age</c> is in hours before the newest.</summary>
    public static IReadOnlyList<JudgedArticle> Articles { get; } = Build();

    private static List<JudgedArticle> Build()
    {
        var articles = new List<JudgedArticle>();
        for (var t = 0; t < Topics.Count; t++)
        {
            var topic = Topics[t];
            var next = Topics[(t + 1) % Topics.Count];
            for (var k = 0; k < 3; k++)
            {
                var spelling = topic.Spellings[k % topic.Spellings.Length];
                var place = Places[(t + k) % Places.Length];
                var headline = place + ": " + string.Format(System.Globalization.CultureInfo.InvariantCulture, topic.Headline, spelling);
                var body = place + " में " + string.Format(System.Globalization.CultureInfo.InvariantCulture, topic.Sentence, spelling) +
                    "। प्रशासन ने लोगों से सतर्क रहने को कहा है। इस बीच " + next.Spellings[0] + " को लेकर भी बैठक हुई।";
                articles.Add(new JudgedArticle(topic.Name, place, next.Name, headline, body, Age: (t * 3 + k) * 7 % 40));
            }
        }
        return articles;
    }

    /// <summary>Devanagari, variant spellings, romanised Hindi, English loanwords and multi-word queries.</summary>
    public static readonly IReadOnlyList<JudgedQuery> Queries =
    [
        new("बाढ़", "flood", null), new("बाढ", "flood", null), new("baadh", "flood", null), new("बाढ़ असम", "flood", "असम"),
        new("भूकंप", "earthquake", null, "भूकंप"), new("भूकम्प", "earthquake", null, "भूकंप"), new("bhukamp", "earthquake", null, "भूकंप"),
        new("ड्रोन", "drone", null), new("drone", "drone", null), new("ड्रोन दिल्ली", "drone", "दिल्ली"),
        new("टैरिफ", "tariff", null), new("tariff", "tariff", null),
        new("चुनाव", "election", null), new("chunav", "election", null), new("पंचायत चुनाव", "election", null),
        new("क्रिकेट", "cricket", null), new("cricket", "cricket", null), new("क्रिकेट असम", "cricket", "असम"),
        new("गांव", "village", null), new("गाँव", "village", null), new("gaon", "village", null),
        new("सड़क", "road", null), new("सडक", "road", null), new("sadak", "road", null),
        new("कॉलेज", "college", null), new("कालेज", "college", null), new("college", "college", null),
        new("पुलिस", "police", null), new("police", "police", null), new("पुलिस मुंबई", "police", "मुंबई"),
        new("वैक्सीन", "vaccine", null), new("vaccine", "vaccine", null),
        new("हिंदी", "hindi", null), new("हिन्दी", "hindi", null), new("हिंदी दिवस", "hindi", null),
        new("स्टेशन", "station", null), new("station", "station", null),
        new("बजट", "budget", null), new("budget", "budget", null),
        new("बारिश", "rain", null), new("barish", "rain", null), new("बारिश दिल्ली", "rain", "दिल्ली"),
        new("पुतिन", null, null, "पुतिन"), new("putin", null, null, "पुतिन"), new("किम जोंग", null, null, "किम"),
        new("ट्रंप", null, null, "ट्रंप"), new("पाकिस्तान", null, null, "पाकिस्तान"),
    ];
}
