namespace NewsApi.Tests.Search;

/// <summary>English words as readers type them and the Devanagari spelling Hindi news prints for them, with
/// articles (sentences in the style of Hindi wire copy: PTI/IANS/Bhasha reports on defence, politics, business,
/// sport and technology) that use them. Measures loanword search (README, "Loanwords").</summary>
public static class LoanwordPairs
{
    public static readonly IReadOnlyList<RomanisedPair> All =
    [
        new("drone", "ड्रोन"), new("brigade", "ब्रिगेड"), new("tariff", "टैरिफ"), new("washington", "वाशिंगटन"),
        new("liberation", "लिबरेशन"), new("station", "स्टेशन"), new("police", "पुलिस"), new("computer", "कंप्यूटर"),
        new("minister", "मिनिस्टर"), new("cricket", "क्रिकेट"), new("video", "वीडियो"), new("school", "स्कूल"),
        new("technology", "टेक्नोलॉजी"), new("hospital", "हॉस्पिटल"), new("doctor", "डॉक्टर"), new("company", "कंपनी"),
        new("bank", "बैंक"), new("film", "फिल्म"), new("rally", "रैली"), new("court", "कोर्ट"),
        new("report", "रिपोर्ट"), new("election", "इलेक्शन"), new("media", "मीडिया"), new("internet", "इंटरनेट"),
        new("mobile", "मोबाइल"), new("online", "ऑनलाइन"), new("phone", "फोन"), new("train", "ट्रेन"),
        new("budget", "बजट"), new("college", "कॉलेज"), new("bridge", "ब्रिज"), new("president", "प्रेसिडेंट"),
        new("ticket", "टिकट"), new("metro", "मेट्रो"), new("truck", "ट्रक"), new("office", "ऑफिस"),
        new("officer", "ऑफिसर"), new("degree", "डिग्री"), new("vaccine", "वैक्सीन"), new("team", "टीम"),
        new("match", "मैच"), new("stadium", "स्टेडियम"), new("tournament", "टूर्नामेंट"), new("cabinet", "कैबिनेट"),
        new("camera", "कैमरा"), new("smartphone", "स्मार्टफोन"), new("digital", "डिजिटल"), new("data", "डेटा"),
        new("network", "नेटवर्क"), new("project", "प्रोजेक्ट"), new("plan", "प्लान"), new("hotel", "होटल"),
        new("party", "पार्टी"), new("missile", "मिसाइल"), new("rocket", "रॉकेट"), new("satellite", "सैटेलाइट"),
        new("nuclear", "न्यूक्लियर"), new("summit", "समिट"), new("agenda", "एजेंडा"), new("campaign", "कैंपेन"),
        new("central", "सेंट्रल"), new("channel", "चैनल"), new("traffic", "ट्रैफिक"), new("highway", "हाईवे"),
        new("express", "एक्सप्रेस"), new("flight", "फ्लाइट"), new("share", "शेयर"), new("market", "मार्केट"),
        new("sensex", "सेंसेक्स"), new("startup", "स्टार्टअप"), new("gold", "गोल्ड"), new("medal", "मेडल"),
        new("olympic", "ओलंपिक"), new("football", "फुटबॉल"), new("director", "डायरेक्टर"), new("manager", "मैनेजर"),
        new("engineer", "इंजीनियर"), new("tweet", "ट्वीट"), new("facebook", "फेसबुक"), new("google", "गूगल"),
        new("website", "वेबसाइट"), new("cyber", "साइबर"), new("fraud", "फ्रॉड"), new("visa", "वीजा"),
        new("passport", "पासपोर्ट"), new("border", "बॉर्डर"), new("commando", "कमांडो"), new("operation", "ऑपरेशन"),
        new("mission", "मिशन"), new("security", "सिक्योरिटी"), new("control", "कंट्रोल"), new("software", "सॉफ्टवेयर"),
    ];
}
