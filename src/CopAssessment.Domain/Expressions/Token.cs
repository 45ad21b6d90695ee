namespace CopAssessment.Domain.Expressions;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    And,
    Or,
    Not,
    In,
    True,
    False,
    Null,
    Value,
    Answered,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    Comma,
}

internal readonly record struct Token(TokenKind Kind, int Position, string Text, decimal Number = 0)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Identifier => $"question key '{Text}'",
        TokenKind.Number => $"number {Text}",
        TokenKind.String => $"text '{Text}'",
        _ => $"'{Text}'",
    };
}

internal static class Tokenizer
{
    public static readonly IReadOnlySet<string> ReservedWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "true", "false", "null", "value", "answered",
    };

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, text.Length, ""));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (IsIdentifierStart(c))
            {
                i = ScanIdentifier(text, i);
                var word = text[start..i];
                tokens.Add(new Token(KeywordKind(word), start, word));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                if (i < text.Length && IsIdentifierStart(text[i]))
                {
                    throw new ExpressionSyntaxException(i, "an operator or the end of the number", $"'{text[i]}'");
                }

                var literal = text[start..i];
                tokens.Add(new Token(TokenKind.Number, start, literal,
                    decimal.Parse(literal, System.Globalization.CultureInfo.InvariantCulture)));
            }
            else if (c == '\'')
            {
                // Single-quoted; a doubled quote ('') stands for one quote inside the text.
                var builder = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ExpressionSyntaxException(text.Length, "a closing quote (')", "end of expression");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            builder.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    builder.Append(text[i++]);
                }

                tokens.Add(new Token(TokenKind.String, start, builder.ToString()));
            }
            else
            {
                var (kind, length) = c switch
                {
                    '=' when Next(text, i) == '=' => (TokenKind.Equal, 2),
                    '!' when Next(text, i) == '=' => (TokenKind.NotEqual, 2),
                    '<' when Next(text, i) == '=' => (TokenKind.LessOrEqual, 2),
                    '>' when Next(text, i) == '=' => (TokenKind.GreaterOrEqual, 2),
                    '<' => (TokenKind.Less, 1),
                    '>' => (TokenKind.Greater, 1),
                    '+' => (TokenKind.Plus, 1),
                    '-' => (TokenKind.Minus, 1),
                    '*' => (TokenKind.Star, 1),
                    '/' => (TokenKind.Slash, 1),
                    '(' => (TokenKind.OpenParen, 1),
                    ')' => (TokenKind.CloseParen, 1),
                    ',' => (TokenKind.Comma, 1),
                    '=' => throw new ExpressionSyntaxException(i, "'==' (comparison)", "'='"),
                    '!' => throw new ExpressionSyntaxException(i, "'!=' (or 'not' for negation)", "'!'"),
                    '"' => throw new ExpressionSyntaxException(i, "a single-quoted text ('…')", "'\"'"),
                    _ => throw new ExpressionSyntaxException(i, "an operand or operator", $"'{c}'"),
                };
                tokens.Add(new Token(kind, start, text.Substring(i, length)));
                i += length;
            }
        }
    }

    /// <summary>Question keys: a letter or '_' first, then letters, digits and '_', dot-separated ("pg.1.2").</summary>
    public static bool IsValidKey(string key)
    {
        if (key.Length == 0 || !IsIdentifierStart(key[0]) || ReservedWords.Contains(key))
        {
            return false;
        }

        return ScanIdentifier(key, 0) == key.Length;
    }

    private static int ScanIdentifier(string text, int i)
    {
        i++;
        while (i < text.Length)
        {
            if (IsIdentifierPart(text[i]))
            {
                i++;
            }
            else if (text[i] == '.' && i + 1 < text.Length && IsIdentifierPart(text[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static TokenKind KeywordKind(string word) => word switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        "in" => TokenKind.In,
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        "null" => TokenKind.Null,
        "value" => TokenKind.Value,
        "answered" => TokenKind.Answered,
        _ => TokenKind.Identifier,
    };
}
