using CopAssessment.Domain.Questionnaires;
using static CopAssessment.Domain.Tests.Support.Definitions;

namespace CopAssessment.Domain.Tests.Questionnaires;

public class DefinitionLoadingTests
{
    [Fact]
    public void Yes_partial_no_without_options_gets_yes_partial_no_scoring_one_half_zero()
    {
        var question = Parse(_ => { }).FindQuestion("q1")!;
        Assert.Equal(["yes", "partial", "no"], question.Options.Select(o => o.Key));
        Assert.Equal([1, 0.5, 0], question.Options.Select(o => o.Score!.Value));
        Assert.Equal("Oui", question.Options[0].Label.Get("fr"));
    }

    [Fact]
    public void Maturity_without_options_gets_one_option_per_stage_scoring_k_over_n_minus_one()
    {
        var definition = Parse(r => Question(r, 0)["type"] = "maturity");
        var options = definition.FindQuestion("q1")!.Options;
        Assert.Equal(["building", "developing", "advanced", "maturity"], options.Select(o => o.Key));
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 1], options.Select(o => o.Score!.Value));
        Assert.Equal("Developing", options[1].Label.Get("en"));
    }

    [Fact]
    public void Question_defaults_are_required_weight_one_no_evidence()
    {
        var question = Parse(_ => { }).FindQuestion("q3")!;
        Assert.True(question.Required);
        Assert.Equal(1, question.Weight);
        Assert.False(question.EvidenceExpected);
        Assert.Null(question.Relevance);
    }

    [Fact]
    public void Domains_are_scored_and_weigh_one_by_default()
    {
        var domain = Parse(_ => { }).Domains[0];
        Assert.True(domain.Scored);
        Assert.Equal(1, domain.Weight);
        Assert.Equal(1, domain.Capabilities[0].Weight);
    }

    [Fact]
    public void Explicit_values_are_read()
    {
        var definition = Parse(r =>
        {
            Question(r, 3)["required"] = false;
            Question(r, 3)["weight"] = 2.5;
            Question(r, 3)["evidenceExpected"] = true;
            Question(r, 3)["relevantWhen"] = "q1 == 'yes'";
            Question(r, 3)["constraint"] = new JsonObject { ["maxLength"] = 10, ["pattern"] = "[A-Z]+" };
        });
        var question = definition.FindQuestion("q4")!;
        Assert.False(question.Required);
        Assert.Equal(2.5, question.Weight);
        Assert.True(question.EvidenceExpected);
        Assert.Equal(["q1"], question.Relevance!.ReferencedKeys());
        Assert.Equal(10, question.Constraint!.MaxLength);
    }

    [Fact]
    public void Questions_are_ordered_after_the_questions_their_condition_reads()
    {
        var definition = Parse(r =>
        {
            Question(r, 0)["relevantWhen"] = "q4 == 'x'";
            Question(r, 3)["relevantWhen"] = "q3 > 1";
        });
        var order = definition.RelevanceOrder.Select(q => q.Key).ToList();
        Assert.True(order.IndexOf("q3") < order.IndexOf("q4"));
        Assert.True(order.IndexOf("q4") < order.IndexOf("q1"));
    }

    [Theory]
    [InlineData("fr", "Bonjour")]
    [InlineData("fr-CA", "Bonjour")]
    [InlineData("ar", "Hello")]
    [InlineData("", "Hello")]
    [InlineData(null, "Hello")]
    public void Localized_text_falls_back_to_the_parent_language_then_english(string? culture, string expected)
    {
        var text = new LocalizedText(new Dictionary<string, string> { ["en"] = "Hello", ["fr"] = "Bonjour" });
        Assert.Equal(expected, text.Get(culture));
    }

    [Fact]
    public void Blank_translation_falls_back_to_english()
    {
        var text = new LocalizedText(new Dictionary<string, string> { ["en"] = "Hello", ["es"] = " " });
        Assert.Equal("Hello", text.Get("es"));
    }

    [Fact]
    public void Content_hash_is_lower_case_sha256_hex_of_the_bytes()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Sha256Hex("abc"u8));
        Assert.Equal(ContentHash.Sha256Hex("abc"u8), ContentHash.Sha256Hex("abc"));
    }

    [Fact]
    public void Utf8_bytes_with_a_byte_order_mark_are_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Base)).ToArray();
        Assert.Empty(DefinitionValidator.Validate(bytes));
        Assert.Equal("test", QuestionnaireDefinition.Parse(bytes).Key);
    }

    [Fact]
    public void Stage_is_the_highest_whose_minimum_the_score_reaches()
    {
        var definition = Parse(_ => { });
        Assert.Equal("building", definition.StageFor(0)!.Key);
        Assert.Equal("building", definition.StageFor(24.99)!.Key);
        Assert.Equal("developing", definition.StageFor(25)!.Key);
        Assert.Equal("advanced", definition.StageFor(74.9)!.Key);
        Assert.Equal("maturity", definition.StageFor(74.99999999999999)!.Key); // floating-point noise of an exact 75
        Assert.Equal("maturity", definition.StageFor(75)!.Key);
        Assert.Equal("maturity", definition.StageFor(100)!.Key);
        Assert.Null(definition.StageFor(null));
    }

    [Fact]
    public void Load_returns_the_definition_only_when_valid()
    {
        Assert.True(DefinitionValidator.Load(Base).IsValid);
        var invalid = DefinitionValidator.Load("{}");
        Assert.False(invalid.IsValid);
        Assert.NotEmpty(invalid.Problems);
    }
}
