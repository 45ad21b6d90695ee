namespace CopAssessment.Domain.Questionnaires;

/// <summary>
/// Walks the JSON once, building the model and collecting every problem with its JSON path. It never stops
/// at the first problem: an administrator fixing a file wants the whole list. The model is only handed out
/// when there is no problem at all.
/// </summary>
internal sealed partial class DefinitionReader
{
    private static readonly Dictionary<string, QuestionType> TypeNames = new(StringComparer.Ordinal)
    {
        ["yesPartialNo"] = QuestionType.YesPartialNo,
        ["maturity"] = QuestionType.Maturity,
        ["singleChoice"] = QuestionType.SingleChoice,
        ["multipleChoice"] = QuestionType.MultipleChoice,
        ["number"] = QuestionType.Number,
        ["text"] = QuestionType.Text,
        ["longText"] = QuestionType.LongText,
        ["date"] = QuestionType.Date,
        ["url"] = QuestionType.Url,
    };

    private readonly List<DefinitionProblem> _problems = [];
    private readonly List<DefinitionProblem> _warnings = [];
    private readonly Dictionary<string, string> _domainPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _capabilityPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Path, Question? Question)> _questions = new(StringComparer.Ordinal);
    private readonly List<ExpressionSite> _expressions = [];
    private IReadOnlyList<Stage>? _stages;

    private sealed record ExpressionSite(string QuestionKey, string Path, Expression Expression, bool IsRelevance);

    /// <summary>Problems refuse the definition; warnings (a missing translation) do not.</summary>
    public static (QuestionnaireDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems, IReadOnlyList<DefinitionProblem> Warnings) Read(string json)
    {
        var reader = new DefinitionReader();
        var definition = reader.ReadDocument(json);
        return (reader._problems.Count == 0 ? definition : null, reader._problems, reader._warnings);
    }

    public static string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        return System.Text.Encoding.UTF8.GetString(utf8.StartsWith(bom) ? utf8[3..] : utf8);
    }

    private QuestionnaireDefinition? ReadDocument(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            Problem("$", $"Invalid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "The definition must be a JSON object.");
                return null;
            }

            AllowOnly(root, "$", "$schema", "key", "version", "title", "description", "stages", "domains");
            var key = ReadKey(root, "$", LooseKey, "questionnaire");
            var version = ReadString(root, "version", "$", required: true);
            var title = ReadText(root, "title", "$", required: true);
            var description = ReadText(root, "description", "$", required: false);
            _stages = ReadStages(root);
            var domains = ReadList(root, "domains", "$", ReadDomain);
            CheckExpressions();
            CheckRelevanceCycles();

            if (_problems.Count > 0)
            {
                return null;
            }

            return new QuestionnaireDefinition(key!, version!, title!, description, _stages!, domains!);
        }
    }

    private List<Stage>? ReadStages(JsonElement root)
    {
        var stages = ReadList(root, "stages", "$", (element, path) =>
        {
            AllowOnly(element, path, "key", "name", "minScore");
            var key = ReadKey(element, path, LooseKey, "stage");
            var name = ReadText(element, "name", path, required: true);
            var minScore = ReadNumber(element, "minScore", path, required: true);
            if (minScore is < 0 or > 100)
            {
                Problem(path + ".minScore", $"minScore {Format(minScore.Value)} is outside 0–100.");
            }

            return key is null || name is null || minScore is null ? null : new Stage(key, name, minScore.Value);
        });
        if (stages is null)
        {
            return null;
        }

        if (stages.Count < 2)
        {
            Problem("$.stages", "At least two stages are needed.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            if (!seen.Add(stages[i].Key))
            {
                Problem($"$.stages[{i}].key", $"Duplicate stage key '{stages[i].Key}'.");
            }

            if (i == 0 && stages[0].MinScore != 0)
            {
                Problem("$.stages[0].minScore", "The first stage must have minScore 0.");
            }

            if (i > 0 && stages[i].MinScore <= stages[i - 1].MinScore)
            {
                Problem($"$.stages[{i}].minScore", "minScore must be strictly greater than the previous stage's.");
            }
        }

        return stages;
    }

    private Domain? ReadDomain(JsonElement element, string path)
    {
        AllowOnly(element, path, "key", "name", "description", "weight", "scored", "capabilities");
        var key = ReadKey(element, path, LooseKey, "domain");
        RegisterUnique(_domainPaths, key, path, "domain");
        var name = ReadText(element, "name", path, required: true);
        var description = ReadText(element, "description", path, required: false);
        var weight = ReadWeight(element, path);
        var scored = ReadBool(element, "scored", path, defaultValue: true);
        var capabilities = ReadList(element, "capabilities", path, (e, p) => ReadCapability(e, p, scored));
        if (key is null || name is null || capabilities is null)
        {
            return null;
        }

        if (scored && capabilities.Count > 0)
        {
            if (!capabilities.Any(c => c.IsScored))
            {
                Problem(path, $"Scored domain '{key}' has no scored question (set \"scored\": false for a context section).");
            }
            else
            {
                for (var i = 0; i < capabilities.Count; i++)
                {
                    if (!capabilities[i].IsScored)
                    {
                        Problem($"{path}.capabilities[{i}]", $"Capability '{capabilities[i].Key}' of a scored domain has no scored question.");
                    }
                }
            }
        }

        return new Domain(key, name, description, weight, scored, capabilities);
    }

    private Capability? ReadCapability(JsonElement element, string path, bool scoredDomain)
    {
        AllowOnly(element, path, "key", "name", "description", "weight", "suggestedActions", "questions");
        var key = ReadKey(element, path, LooseKey, "capability");
        RegisterUnique(_capabilityPaths, key, path, "capability");
        var name = ReadText(element, "name", path, required: true);
        var description = ReadText(element, "description", path, required: false);
        var weight = ReadWeight(element, path);
        var actions = ReadSuggestedActions(element, path, scoredDomain);
        var questions = ReadList(element, "questions", path, ReadQuestion);
        return key is null || name is null || questions is null
            ? null
            : new Capability(key, name, description, weight, actions, questions);
    }

    private Dictionary<string, LocalizedText> ReadSuggestedActions(JsonElement element, string path, bool required)
    {
        var actions = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var actionsPath = path + ".suggestedActions";
        if (!TryGet(element, "suggestedActions", out var value))
        {
            if (required)
            {
                Problem(actionsPath, "suggestedActions is required in a scored domain: one text per stage.");
            }

            return actions;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(actionsPath, "suggestedActions must be an object from stage key to text.");
            return actions;
        }

        var stageKeys = _stages?.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (stageKeys is not null && !stageKeys.Contains(property.Name))
            {
                Problem($"{actionsPath}.{property.Name}", $"Unknown stage '{property.Name}'.");
            }

            if (ReadText(value, property.Name, actionsPath, required: true) is { } text)
            {
                actions[property.Name] = text;
            }
        }

        if (required && stageKeys is not null)
        {
            foreach (var stage in _stages!.Where(s => !actions.ContainsKey(s.Key) && !value.TryGetProperty(s.Key, out _)))
            {
                Problem(actionsPath, $"No suggested action for stage '{stage.Key}'.");
            }
        }

        return actions;
    }

    private Question? ReadQuestion(JsonElement element, string path)
    {
        AllowOnly(element, path, "key", "type", "text", "help", "options", "required", "weight", "evidenceExpected",
            "integer", "relevantWhen", "constraint", "doNotCarry");
        var key = ReadKey(element, path, Tokenizer.IsValidKey, "question");
        if (key is not null && _questions.TryGetValue(key, out var first))
        {
            Problem(path + ".key", $"Duplicate question key '{key}' (first at {first.Path}).");
            key = null;
        }

        var typeName = ReadString(element, "type", path, required: true);
        QuestionType? type = null;
        if (typeName is not null)
        {
            if (TypeNames.TryGetValue(typeName, out var known))
            {
                type = known;
            }
            else
            {
                Problem(path + ".type", $"Unknown question type '{typeName}'; expected one of {string.Join(", ", TypeNames.Keys)}.");
            }
        }

        var text = ReadText(element, "text", path, required: true);
        var help = ReadText(element, "help", path, required: false);
        var options = ReadOptions(element, path, type);
        var required = ReadBool(element, "required", path, defaultValue: true);
        var weight = ReadWeight(element, path);
        var evidence = ReadBool(element, "evidenceExpected", path, defaultValue: false);
        var integer = ReadBool(element, "integer", path, defaultValue: false);
        if (integer && type is not null && type != QuestionType.Number)
        {
            Problem(path + ".integer", $"integer applies to number questions only, not to '{TypeName(type.Value)}'.");
        }

        var doNotCarry = ReadBool(element, "doNotCarry", path, defaultValue: false);
        var relevantWhen = ReadString(element, "relevantWhen", path, required: false);
        Expression? relevance = null;
        if (relevantWhen is not null)
        {
            relevance = ReadExpression(relevantWhen, path + ".relevantWhen", key, isRelevance: true);
        }

        var constraint = ReadConstraint(element, path, type, key);
        if (key is null || type is null || text is null)
        {
            if (key is not null)
            {
                _questions[key] = (path, null);
            }

            return null;
        }

        var question = new Question(key, type.Value, text, help, options, required, weight, evidence, relevantWhen, constraint)
        {
            Relevance = relevance,
            Integer = integer && type == QuestionType.Number,
            DoNotCarry = doNotCarry,
        };
        _questions[key] = (path, question);
        return question;
    }

    private List<QuestionOption> ReadOptions(JsonElement element, string path, QuestionType? type)
    {
        var optionsPath = path + ".options";
        var isChoice = type is QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice
            or QuestionType.MultipleChoice;
        if (!TryGet(element, "options", out _))
        {
            return type switch
            {
                QuestionType.YesPartialNo => DefaultOptions.YesPartialNo,
                QuestionType.Maturity => _stages is { Count: >= 2 } stages ? DefaultOptions.FromStages(stages) : [],
                QuestionType.SingleChoice or QuestionType.MultipleChoice =>
                    Fail<List<QuestionOption>>(optionsPath, "A choice question needs options.", [])!,
                _ => [],
            };
        }

        if (type is not null && !isChoice)
        {
            Problem(optionsPath, $"Options are only allowed on choice questions (yesPartialNo, maturity, singleChoice, multipleChoice), not on '{TypeName(type.Value)}'.");
            return [];
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var options = ReadList(element, "options", path, (option, optionPath) =>
        {
            AllowOnly(option, optionPath, "key", "label", "score", "notApplicable");
            var key = ReadKey(option, optionPath, LooseKey, "option");
            if (key is not null && !keys.Add(key))
            {
                Problem(optionPath + ".key", $"Duplicate option key '{key}' in this question.");
            }

            var label = ReadText(option, "label", optionPath, required: true);
            var score = ReadNumber(option, "score", optionPath, required: false);
            if (score is < 0 or > 1)
            {
                Problem(optionPath + ".score", $"Score {Format(score.Value)} is outside [0, 1].");
            }

            var notApplicable = ReadBool(option, "notApplicable", optionPath, defaultValue: false);
            if (notApplicable && score is not null)
            {
                Problem(optionPath + ".score", "A not-applicable option has no score (it leaves the denominator).");
            }

            return key is null || label is null ? null : new QuestionOption(key, label, score, notApplicable);
        }) ?? [];

        if (options.Count == 0)
        {
            Problem(optionsPath, "A choice question needs at least one option.");
        }

        // Once any option carries a score the question is scored, so every real option must have one:
        // a missing score would silently make an answer "unanswered".
        var mustScore = type is QuestionType.YesPartialNo or QuestionType.Maturity || options.Any(o => o.Score is not null);
        if (mustScore)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (!options[i].NotApplicable && options[i].Score is null)
                {
                    Problem($"{optionsPath}[{i}].score", $"Option '{options[i].Key}' needs a score (0–1) because the question is scored.");
                }
            }
        }

        return options;
    }

    private QuestionConstraint? ReadConstraint(JsonElement element, string path, QuestionType? type, string? questionKey)
    {
        if (!TryGet(element, "constraint", out var value))
        {
            return null;
        }

        var constraintPath = path + ".constraint";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(constraintPath, "constraint must be an object.");
            return null;
        }

        AllowOnly(value, constraintPath, "min", "max", "maxLength", "pattern", "expression", "message");
        var isNumber = type == QuestionType.Number;
        var isText = type is QuestionType.Text or QuestionType.LongText or QuestionType.Url;
        var typeName = type is null ? "?" : TypeName(type.Value);

        var min = ReadDecimal(value, "min", constraintPath);
        var max = ReadDecimal(value, "max", constraintPath);
        foreach (var (field, present) in new[] { ("min", min is not null), ("max", max is not null) })
        {
            if (present && type is not null && !isNumber)
            {
                Problem($"{constraintPath}.{field}", $"{field} applies to number questions only, not to '{typeName}'.");
            }
        }

        if (min is not null && max is not null && min > max)
        {
            Problem(constraintPath, $"min ({min}) is greater than max ({max}).");
        }

        int? maxLength = null;
        var maxLengthValue = ReadNumber(value, "maxLength", constraintPath, required: false);
        if (maxLengthValue is { } length)
        {
            if (length < 1 || length != Math.Floor(length) || length > int.MaxValue)
            {
                Problem(constraintPath + ".maxLength", "maxLength must be a positive whole number.");
            }
            else
            {
                maxLength = (int)length;
            }

            if (type is not null && !isText)
            {
                Problem(constraintPath + ".maxLength", $"maxLength applies to text, longText and url questions only, not to '{typeName}'.");
            }
            else if (type is not null && maxLength > AnswerLimits.ForType(type.Value))
            {
                Problem(constraintPath + ".maxLength", $"maxLength {maxLength} is above the limit of {AnswerLimits.ForType(type.Value)} characters for '{typeName}' answers.");
            }
        }

        var pattern = ReadString(value, "pattern", constraintPath, required: false);
        Regex? regex = null;
        if (pattern is not null)
        {
            if (type is not null && !isText)
            {
                Problem(constraintPath + ".pattern", $"pattern applies to text, longText and url questions only, not to '{typeName}'.");
            }

            // The pattern is anchored at both ends, so an author who anchored only one end wrote a prefix
            // (or suffix) test that accepts nothing but the prefix itself: "^https?://" took only "https://".
            var anchoredStart = pattern.StartsWith('^');
            var anchoredEnd = pattern.EndsWith('$') && !pattern.EndsWith(@"\$", StringComparison.Ordinal);
            if (anchoredStart != anchoredEnd)
            {
                Problem(constraintPath + ".pattern", anchoredStart
                    ? $"pattern must match the whole answer; '{pattern}' is anchored at its start only, so it accepts nothing longer than that start: end it with '.*' or drop the '^'."
                    : $"pattern must match the whole answer; '{pattern}' is anchored at its end only, so it accepts nothing longer than that end: start it with '.*' or drop the '$'.");
            }

            try
            {
                regex = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException e)
            {
                Problem(constraintPath + ".pattern", $"Invalid regular expression: {e.Message}");
            }
        }

        var expressionText = ReadString(value, "expression", constraintPath, required: false);
        var expression = expressionText is null
            ? null
            : ReadExpression(expressionText, constraintPath + ".expression", questionKey, isRelevance: false);
        var message = ReadText(value, "message", constraintPath, required: false);
        return new QuestionConstraint(min, max, maxLength, pattern, expressionText, message)
        {
            PatternRegex = regex,
            Expression = expression,
        };
    }

    private Expression? ReadExpression(string text, string path, string? questionKey, bool isRelevance)
    {
        if (!ExpressionParser.TryParseCondition(text, out var expression, out var error))
        {
            Problem(path, $"Syntax error at position {error.Position}: expected {error.Expected}, found {error.Found}.");
            return null;
        }

        if (questionKey is not null)
        {
            _expressions.Add(new ExpressionSite(questionKey, path, expression, isRelevance));
        }

        return expression;
    }

    /// <summary>Checks that need every question: unknown keys, 'value' misuse, option literals that do not exist.</summary>
    private void CheckExpressions()
    {
        foreach (var site in _expressions)
        {
            foreach (var node in site.Expression.Descendants())
            {
                if (node is KeyReference reference && !_questions.ContainsKey(reference.Key))
                {
                    Problem(site.Path, $"Refers to unknown question '{reference.Key}' (position {reference.Position}).");
                }
                else if (node is SelfReference self && site.IsRelevance)
                {
                    Problem(site.Path, $"'value' (position {self.Position}) only has a meaning in a constraint.");
                }

                foreach (var (target, literal) in OptionComparisons(node))
                {
                    var key = target is KeyReference k ? k.Key : site.QuestionKey;
                    if (_questions.TryGetValue(key, out var entry) && entry.Question is { IsChoice: true } question
                        && question.FindOption(literal.StringValue!) is null)
                    {
                        Problem(site.Path, $"Question '{key}' has no option '{literal.StringValue}' (position {literal.Position}).");
                    }
                }
            }
        }
    }

    private static IEnumerable<(Expression Target, Literal Literal)> OptionComparisons(Expression node)
    {
        static bool IsAnswerRef(Expression e) => e is KeyReference or SelfReference;
        switch (node)
        {
            case Binary { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual } b:
                if (IsAnswerRef(b.Left) && b.Right is Literal { StringValue: not null } right)
                {
                    yield return (b.Left, right);
                }
                else if (IsAnswerRef(b.Right) && b.Left is Literal { StringValue: not null } left)
                {
                    yield return (b.Right, left);
                }

                break;
            case In { Items: { } items } membership when IsAnswerRef(membership.Element):
                foreach (var item in items.OfType<Literal>().Where(l => l.StringValue is not null))
                {
                    yield return (membership.Element, item);
                }

                break;
            case In { Collection: { } collection, Element: Literal { StringValue: not null } element } when IsAnswerRef(collection):
                yield return (collection, element);
                break;
        }
    }

    private void CheckRelevanceCycles()
    {
        var dependencies = _expressions
            .Where(s => s.IsRelevance)
            .ToDictionary(s => s.QuestionKey, s => s, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the stack, true = done
        var stack = new List<string>();
        foreach (var key in dependencies.Keys)
        {
            Visit(key);
        }

        void Visit(string key)
        {
            if (state.TryGetValue(key, out var done))
            {
                if (!done)
                {
                    var cycle = stack.Skip(stack.IndexOf(key)).Append(key).ToList();
                    var site = dependencies[key];
                    Problem(site.Path, cycle.Count == 2
                        ? $"The relevance condition of '{key}' refers to '{key}' itself."
                        : $"Relevance conditions form a cycle: {string.Join(" → ", cycle)}.");
                }

                return;
            }

            if (!dependencies.TryGetValue(key, out var own))
            {
                return;
            }

            state[key] = false;
            stack.Add(key);
            foreach (var next in own.Expression.ReferencedKeys().Order(StringComparer.Ordinal))
            {
                Visit(next);
            }

            stack.RemoveAt(stack.Count - 1);
            state[key] = true;
        }
    }

    // ---- small readers: each reports its own problem and returns null so reading can go on ----

    private List<T>? ReadList<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T?> read)
        where T : class
    {
        var path = $"{parentPath}.{name}";
        if (!TryGet(parent, name, out var value))
        {
            Problem(path, $"{name} is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(path, $"{name} must be an array.");
            return null;
        }

        if (value.GetArrayLength() == 0)
        {
            Problem(path, $"{name} must not be empty.");
        }

        var items = new List<T>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Problem(itemPath, "Must be an object.");
                continue;
            }

            if (read(item, itemPath) is { } result)
            {
                items.Add(result);
            }
        }

        return items;
    }

    private LocalizedText? ReadText(JsonElement parent, string name, string parentPath, bool required)
    {
        var path = $"{parentPath}.{name}";
        if (!TryGet(parent, name, out var value))
        {
            if (required)
            {
                Problem(path, $"{name} is required (an object such as {{ \"en\": \"…\" }}).");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "Must be an object from language code to text, such as { \"en\": \"…\" }.");
            return null;
        }

        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            if (!LanguageCode().IsMatch(property.Name))
            {
                Problem($"{path}.{property.Name}", $"'{property.Name}' is not a language code (such as en, fr, zh-Hans).");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Problem($"{path}.{property.Name}", "Must be a string.");
                continue;
            }

            texts[property.Name] = property.Value.GetString()!;
        }

        if (!texts.TryGetValue(LocalizedText.DefaultLanguage, out var english) || string.IsNullOrWhiteSpace(english))
        {
            Problem(path, "English text (en) is required.");
        }

        var text = new LocalizedText(texts);
        CheckTranslations(text, path);
        return text;
    }

    /// <summary>
    /// A missing translation is a warning: the page shows the English text, marked as English, so a definition
    /// can be imported before its translations are done. One warning per text, naming every missing language.
    /// </summary>
    private void CheckTranslations(LocalizedText text, string path)
    {
        foreach (var language in text.Languages.Where(l => !LocalizedText.SupportedLanguages.Contains(l, StringComparer.OrdinalIgnoreCase)
            && !l.Equals("zh-Hans", StringComparison.OrdinalIgnoreCase)))
        {
            Warn($"{path}.{language}", $"'{language}' is not one of the application's languages ({string.Join(", ", LocalizedText.SupportedLanguages)}); this text is never shown.");
        }

        var missing = LocalizedText.SupportedLanguages.Where(l => l != LocalizedText.DefaultLanguage && !text.Has(l)).ToList();
        if (missing.Count > 0 && text.Has(LocalizedText.DefaultLanguage))
        {
            Warn(path, $"No translation for {string.Join(", ", missing)}: readers in {(missing.Count == 1 ? "that language" : "those languages")} see the English text.");
        }
    }

    private string? ReadKey(JsonElement parent, string parentPath, Func<string, bool> isValid, string what)
    {
        var key = ReadString(parent, "key", parentPath, required: true);
        if (key is not null && !isValid(key))
        {
            Problem(parentPath + ".key", what == "question"
                ? $"'{key}' is not a valid question key: start with a letter, then letters, digits, '_' and single dots; not a reserved word ({string.Join(", ", Tokenizer.ReservedWords)})."
                : $"'{key}' is not a valid {what} key: letters, digits, '_', '.' and '-'.");
            return null;
        }

        return key;
    }

    private string? ReadString(JsonElement parent, string name, string parentPath, bool required)
    {
        var path = $"{parentPath}.{name}";
        if (!TryGet(parent, name, out var value))
        {
            return required ? Fail<string>(path, $"{name} is required.", null) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(path, $"{name} must be a string.", null);
        }

        var text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? Fail<string>(path, $"{name} must not be empty.", null) : text;
    }

    private double? ReadNumber(JsonElement parent, string name, string parentPath, bool required)
    {
        var path = $"{parentPath}.{name}";
        if (!TryGet(parent, name, out var value))
        {
            if (required)
            {
                Problem(path, $"{name} is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Problem(path, $"{name} must be a number.");
            return null;
        }

        return number;
    }

    private decimal? ReadDecimal(JsonElement parent, string name, string parentPath)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Problem($"{parentPath}.{name}", $"{name} must be a number.");
            return null;
        }

        return number;
    }

    private double ReadWeight(JsonElement parent, string parentPath)
    {
        var weight = ReadNumber(parent, "weight", parentPath, required: false);
        if (weight is <= 0)
        {
            Problem(parentPath + ".weight", $"weight must be greater than 0 (is {Format(weight.Value)}).");
        }

        return weight ?? 1;
    }

    private bool ReadBool(JsonElement parent, string name, string parentPath, bool defaultValue)
    {
        if (!TryGet(parent, name, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Problem($"{parentPath}.{name}", $"{name} must be true or false.");
        return defaultValue;
    }

    /// <summary>Unknown properties are refused so that a typo such as "requried" cannot pass silently.</summary>
    private void AllowOnly(JsonElement element, string path, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "$comment" && !names.Contains(property.Name, StringComparer.Ordinal))
            {
                Problem($"{path}.{property.Name}", $"Unknown property '{property.Name}'.");
            }
        }
    }

    private void RegisterUnique(Dictionary<string, string> seen, string? key, string path, string what)
    {
        if (key is null)
        {
            return;
        }

        if (!seen.TryAdd(key, path))
        {
            Problem(path + ".key", $"Duplicate {what} key '{key}' (first at {seen[key]}).");
        }
    }

    /// <summary>An explicit JSON null counts as absent.</summary>
    private static bool TryGet(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static bool LooseKey(string key) => LooseKeyPattern().IsMatch(key);

    private static string TypeName(QuestionType type) => TypeNames.First(p => p.Value == type).Key;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private void Problem(string path, string message) => _problems.Add(new DefinitionProblem(path, message));

    private void Warn(string path, string message) => _warnings.Add(new DefinitionProblem(path, message));

    private T? Fail<T>(string path, string message, T? result)
    {
        Problem(path, message);
        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex LooseKeyPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageCode();
}
