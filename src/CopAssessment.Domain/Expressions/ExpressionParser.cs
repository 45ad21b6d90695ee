using System.Diagnostics.CodeAnalysis;

namespace CopAssessment.Domain.Expressions;

/// <summary>
/// Recursive-descent parser for the expression language of docs/questionnaire-format.md.
/// <code>
/// or         := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison
/// comparison := additive (('=='|'!='|'&lt;'|'&lt;='|'&gt;'|'&gt;=') additive | 'in' membership)?
/// membership := '(' additive (',' additive)* ')' | additive
/// additive   := term (('+'|'-') term)*
/// term       := unary (('*'|'/') unary)*
/// unary      := '-' unary | primary
/// primary    := number | string | true | false | null | value | key | 'answered' '(' (key|value) ')' | '(' or ')'
/// </code>
/// </summary>
public static class ExpressionParser
{
    /// <summary>Parses any expression; throws <see cref="ExpressionSyntaxException"/> on a syntax error.</summary>
    public static Expression Parse(string text) => new Parser(Tokenizer.Tokenize(text)).ParseAll();

    /// <summary>
    /// Parses an expression that must yield true/false (relevance conditions and constraint expressions):
    /// <c>pl.count + 1</c> is valid syntax but not a condition.
    /// </summary>
    public static Expression ParseCondition(string text)
    {
        var expression = Parse(text);
        if (FindNonCondition(expression) is { } offender)
        {
            throw new ExpressionSyntaxException(offender.Position,
                "a condition (a comparison, 'in', 'answered(…)', 'and', 'or', 'not', true or false)",
                offender is KeyReference key ? $"question key '{key.Key}'" : "a value");
        }

        return expression;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out ExpressionError? error) =>
        Try(() => Parse(text), out expression, out error);

    public static bool TryParseCondition(string text, [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out ExpressionError? error) =>
        Try(() => ParseCondition(text), out expression, out error);

    private static bool Try(Func<Expression> parse, [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out ExpressionError? error)
    {
        try
        {
            expression = parse();
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException e)
        {
            expression = null;
            error = e.Error;
            return false;
        }
    }

    private static Expression? FindNonCondition(Expression expression) => expression switch
    {
        Binary { Operator: BinaryOperator.And or BinaryOperator.Or } logic =>
            FindNonCondition(logic.Left) ?? FindNonCondition(logic.Right),
        Not not => FindNonCondition(not.Operand),
        _ when expression.IsCondition => null,
        _ => expression,
    };

    private sealed class Parser(List<Token> tokens)
    {
        private int _index;

        private Token Current => tokens[_index];

        public Expression ParseAll()
        {
            var expression = ParseOr();
            if (Current.Kind != TokenKind.End)
            {
                throw Expected("an operator ('and', 'or', '==', 'in', …) or the end of the expression");
            }

            return expression;
        }

        private Expression ParseOr()
        {
            var left = ParseAnd();
            while (Current.Kind == TokenKind.Or)
            {
                var position = Advance().Position;
                left = new Binary(position, BinaryOperator.Or, left, ParseAnd());
            }

            return left;
        }

        private Expression ParseAnd()
        {
            var left = ParseNot();
            while (Current.Kind == TokenKind.And)
            {
                var position = Advance().Position;
                left = new Binary(position, BinaryOperator.And, left, ParseNot());
            }

            return left;
        }

        private Expression ParseNot()
        {
            if (Current.Kind == TokenKind.Not)
            {
                var position = Advance().Position;
                return new Not(position, ParseNot());
            }

            return ParseComparison();
        }

        private Expression ParseComparison()
        {
            var left = ParseAdditive();
            var op = Current.Kind switch
            {
                TokenKind.Equal => BinaryOperator.Equal,
                TokenKind.NotEqual => BinaryOperator.NotEqual,
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
                _ => (BinaryOperator?)null,
            };
            if (op is { } comparison)
            {
                var position = Advance().Position;
                return new Binary(position, comparison, left, ParseAdditive());
            }

            if (Current.Kind == TokenKind.In)
            {
                var position = Advance().Position;
                if (Current.Kind != TokenKind.OpenParen)
                {
                    return new In(position, left, null, ParseAdditive());
                }

                Advance();
                var items = new List<Expression> { ParseAdditive() };
                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    items.Add(ParseAdditive());
                }

                Expect(TokenKind.CloseParen, "',' or ')'");
                return new In(position, left, items, null);
            }

            return left;
        }

        private Expression ParseAdditive()
        {
            var left = ParseTerm();
            while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                var token = Advance();
                var op = token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
                left = new Binary(token.Position, op, left, ParseTerm());
            }

            return left;
        }

        private Expression ParseTerm()
        {
            var left = ParseUnary();
            while (Current.Kind is TokenKind.Star or TokenKind.Slash)
            {
                var token = Advance();
                var op = token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
                left = new Binary(token.Position, op, left, ParseUnary());
            }

            return left;
        }

        private Expression ParseUnary()
        {
            if (Current.Kind == TokenKind.Minus)
            {
                var position = Advance().Position;
                return new Negate(position, ParseUnary());
            }

            return ParsePrimary();
        }

        private Expression ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return new Literal(token.Position, EvalValue.Of(token.Number));
                case TokenKind.String:
                    Advance();
                    return new Literal(token.Position, EvalValue.Of(token.Text));
                case TokenKind.True:
                case TokenKind.False:
                    Advance();
                    return new Literal(token.Position, EvalValue.Of(token.Kind == TokenKind.True));
                case TokenKind.Null:
                    Advance();
                    return new Literal(token.Position, EvalValue.Null);
                case TokenKind.Value:
                    Advance();
                    return new SelfReference(token.Position);
                case TokenKind.Identifier:
                    Advance();
                    if (Current.Kind == TokenKind.OpenParen)
                    {
                        throw new ExpressionSyntaxException(token.Position, "a known function (answered)", $"'{token.Text}('");
                    }

                    return new KeyReference(token.Position, token.Text);
                case TokenKind.Answered:
                    Advance();
                    Expect(TokenKind.OpenParen, "'(' after 'answered'");
                    var target = Current;
                    Expression argument = target.Kind switch
                    {
                        TokenKind.Identifier => new KeyReference(target.Position, target.Text),
                        TokenKind.Value => new SelfReference(target.Position),
                        _ => throw Expected("a question key or 'value'"),
                    };
                    Advance();
                    Expect(TokenKind.CloseParen, "')'");
                    return new Answered(token.Position, argument);
                case TokenKind.OpenParen:
                    Advance();
                    var inner = ParseOr();
                    Expect(TokenKind.CloseParen, "')'");
                    return inner;
                default:
                    throw Expected("a question key, 'value', a number, a quoted text, true, false, null, 'not', '-' or '('");
            }
        }

        private Token Advance() => tokens[_index++];

        private void Expect(TokenKind kind, string description)
        {
            if (Current.Kind != kind)
            {
                throw Expected(description);
            }

            Advance();
        }

        private ExpressionSyntaxException Expected(string description) =>
            new(Current.Position, description, Current.Describe());
    }
}
