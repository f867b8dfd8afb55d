using NewsApi.Tests.Infrastructure;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

[TestFixture]
public sealed class ReadingTimeTests
{
    [TestCase("", 1)]
    [TestCase("   \n\n ", 1)]
    [TestCase("किम", 1)]
    public void Short_text_reads_in_one_minute(string text, int expected)
    {
        Assert.That(ReadingTime.Minutes(text), Is.EqualTo(expected));
    }

    [TestCase(200, 1)]
    [TestCase(201, 2)]
    [TestCase(400, 2)]
    [TestCase(401, 3)]
    public void Words_round_up_at_200_a_minute(int words, int expected)
    {
        var text = string.Join(words % 2 == 0 ? " " : "\n\n", Enumerable.Repeat("\u0936\u092C\u094D\u0926", words)); // शब्द
        Assert.That(ReadingTime.Minutes(text), Is.EqualTo(expected));
    }

    [Test]
    public void Seed_body_of_342_words_reads_in_two_minutes()
    {
        var text = string.Join("\n\n", Seed.Paragraphs);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(342));
            Assert.That(ReadingTime.Minutes(text), Is.EqualTo(2));
        }
    }
}
