namespace NewsApi.Text;

public static class ReadingTime
{
    // Hindi news prose reads at roughly 180–200 words a minute; we round up and never say 0.
    private const int WordsPerMinute = 200;

    public static int Minutes(string plainText)
    {
        var words = plainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(1, (words + WordsPerMinute - 1) / WordsPerMinute);
    }
}
