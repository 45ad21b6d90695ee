namespace CopAssessment.Domain.Expressions;

/// <summary>Where an expression reads answers from. Return null for an unanswered (or hidden) question.</summary>
public interface IAnswerLookup
{
    AnswerValue? Find(string questionKey);
}

/// <summary>A parsed expression (relevance condition or constraint). Evaluated by walking the tree.</summary>
public abstract record Expression(int Position)
{
    /// <summary>
    /// True when the condition holds. <paramref name="self"/> is what <c>value</c> means (the answer being
    /// checked by a constraint).
    /// </summary>
    public bool IsTrue(IAnswerLookup answers, AnswerValue? self = null) => Evaluate(new EvalContext(answers, self)).IsTrue;

    public bool IsTrue(IReadOnlyDictionary<string, AnswerValue> answers, AnswerValue? self = null) =>
        IsTrue(new DictionaryLookup(answers), self);

    /// <summary>The question keys the expression reads, for validation and cycle detection.</summary>
    public IReadOnlySet<string> ReferencedKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Descendants())
        {
            if (node is KeyReference reference)
            {
                keys.Add(reference.Key);
            }
        }

        return keys;
    }

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<Expression> Descendants()
    {
        var stack = new Stack<Expression>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Whether the node yields true/false (comparisons, logic, membership, answered(), true/false).</summary>
    public abstract bool IsCondition { get; }

    internal abstract EvalValue Evaluate(in EvalContext context);

    protected virtual IEnumerable<Expression> Children() => [];

    private sealed class DictionaryLookup(IReadOnlyDictionary<string, AnswerValue> answers) : IAnswerLookup
    {
        public AnswerValue? Find(string questionKey) => answers.GetValueOrDefault(questionKey);
    }
}

internal readonly record struct EvalContext(IAnswerLookup Answers, AnswerValue? Self);

public sealed record Literal : Expression
{
    internal Literal(int position, EvalValue value) : base(position) => Value = value;

    internal EvalValue Value { get; }

    public bool IsNull => Value.Kind == EvalKind.Null;

    /// <summary>The text of a string literal; null for other literals.</summary>
    public string? StringValue => Value.Kind == EvalKind.String ? Value.String : null;

    public override bool IsCondition => Value.Kind == EvalKind.Bool;

    internal override EvalValue Evaluate(in EvalContext context) => Value;
}

/// <summary>A question key: evaluates to that question's answer.</summary>
public sealed record KeyReference(int Position, string Key) : Expression(Position)
{
    public override bool IsCondition => false;

    internal override EvalValue Evaluate(in EvalContext context) => EvalValue.FromAnswer(context.Answers.Find(Key));
}

/// <summary><c>value</c>: the answer a constraint is checking.</summary>
public sealed record SelfReference(int Position) : Expression(Position)
{
    public override bool IsCondition => false;

    internal override EvalValue Evaluate(in EvalContext context) => EvalValue.FromAnswer(context.Self);
}

public sealed record Answered(int Position, Expression Target) : Expression(Position)
{
    public override bool IsCondition => true;

    internal override EvalValue Evaluate(in EvalContext context) => EvalValue.Of(Target switch
    {
        KeyReference key => context.Answers.Find(key.Key)?.IsAnswered ?? false,
        _ => context.Self?.IsAnswered ?? false,
    });

    protected override IEnumerable<Expression> Children() => [Target];
}

public sealed record Not(int Position, Expression Operand) : Expression(Position)
{
    public override bool IsCondition => true;

    internal override EvalValue Evaluate(in EvalContext context) => EvalValue.Of(!Operand.Evaluate(context).IsTrue);

    protected override IEnumerable<Expression> Children() => [Operand];
}

public sealed record Negate(int Position, Expression Operand) : Expression(Position)
{
    public override bool IsCondition => false;

    internal override EvalValue Evaluate(in EvalContext context)
    {
        var operand = Operand.Evaluate(context);
        return operand.Kind == EvalKind.Number ? EvalValue.Of(-operand.Number) : EvalValue.Null;
    }

    protected override IEnumerable<Expression> Children() => [Operand];
}

/// <summary>
/// The operators of the syntax tree. They mirror some of <see cref="TokenKind"/>'s members on purpose: a token is
/// what the text says, an operator what the tree computes (the parser maps one to the other).
/// </summary>
public enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

public sealed record Binary(int Position, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Position)
{
    public override bool IsCondition => Operator <= BinaryOperator.GreaterOrEqual;

    internal override EvalValue Evaluate(in EvalContext context)
    {
        switch (Operator)
        {
            case BinaryOperator.Or:
                return EvalValue.Of(Left.Evaluate(context).IsTrue || Right.Evaluate(context).IsTrue);
            case BinaryOperator.And:
                return EvalValue.Of(Left.Evaluate(context).IsTrue && Right.Evaluate(context).IsTrue);
        }

        var left = Left.Evaluate(context);
        var right = Right.Evaluate(context);
        return Operator switch
        {
            BinaryOperator.Equal or BinaryOperator.NotEqual => Equality(left, right),
            BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
                => Ordering(left, right),
            _ => Arithmetic(left, right),
        };
    }

    protected override IEnumerable<Expression> Children() => [Left, Right];

    private EvalValue Equality(in EvalValue left, in EvalValue right)
    {
        var equal = Operator == BinaryOperator.Equal;

        // "x == null" / "x != null" test whether x has an answer; any other comparison with null is false.
        if (Left is Literal { IsNull: true } || Right is Literal { IsNull: true })
        {
            var isNull = left.Kind == EvalKind.Null && right.Kind == EvalKind.Null;
            return EvalValue.Of(equal == isNull);
        }

        if (left.Kind == EvalKind.Null || right.Kind == EvalKind.Null)
        {
            return EvalValue.False;
        }

        return EvalValue.Of(equal == EvalValue.AreEqual(left, right));
    }

    private EvalValue Ordering(in EvalValue left, in EvalValue right)
    {
        int comparison;
        if (left.Kind == EvalKind.Number && right.Kind == EvalKind.Number)
        {
            comparison = left.Number.CompareTo(right.Number);
        }
        else if (left.Kind == EvalKind.String && right.Kind == EvalKind.String)
        {
            comparison = string.CompareOrdinal(left.String, right.String);
        }
        else
        {
            return EvalValue.False;
        }

        return EvalValue.Of(Operator switch
        {
            BinaryOperator.Less => comparison < 0,
            BinaryOperator.LessOrEqual => comparison <= 0,
            BinaryOperator.Greater => comparison > 0,
            _ => comparison >= 0,
        });
    }

    private EvalValue Arithmetic(in EvalValue left, in EvalValue right)
    {
        if (left.Kind != EvalKind.Number || right.Kind != EvalKind.Number)
        {
            return EvalValue.Null;
        }

        try
        {
            return Operator switch
            {
                BinaryOperator.Add => EvalValue.Of(left.Number + right.Number),
                BinaryOperator.Subtract => EvalValue.Of(left.Number - right.Number),
                BinaryOperator.Multiply => EvalValue.Of(left.Number * right.Number),
                _ => right.Number == 0 ? EvalValue.Null : EvalValue.Of(left.Number / right.Number),
            };
        }
        catch (OverflowException)
        {
            return EvalValue.Null;
        }
    }
}

/// <summary>
/// <c>x in ('a', 'b')</c> (<see cref="Items"/>) or <c>'a' in k</c> (<see cref="Collection"/>). A set on either
/// side matches when any of its elements matches.
/// </summary>
public sealed record In(int Position, Expression Element, IReadOnlyList<Expression>? Items, Expression? Collection)
    : Expression(Position)
{
    public override bool IsCondition => true;

    internal override EvalValue Evaluate(in EvalContext context)
    {
        var element = Element.Evaluate(context);
        if (element.Kind == EvalKind.Null)
        {
            return EvalValue.False;
        }

        if (Items is not null)
        {
            foreach (var item in Items)
            {
                if (Matches(element, item.Evaluate(context)))
                {
                    return EvalValue.True;
                }
            }

            return EvalValue.False;
        }

        return EvalValue.Of(Matches(element, Collection!.Evaluate(context)));
    }

    protected override IEnumerable<Expression> Children() => Items is null ? [Element, Collection!] : [Element, .. Items];

    private static bool Matches(in EvalValue element, in EvalValue candidates)
    {
        if (candidates.Kind == EvalKind.Null)
        {
            return false;
        }

        if (element.Kind == EvalKind.Set && candidates.Kind == EvalKind.Set)
        {
            return element.Set!.Overlaps(candidates.Set!);
        }

        if (element.Kind == EvalKind.Set)
        {
            return candidates.Kind == EvalKind.String && element.Set!.Contains(candidates.String!);
        }

        if (candidates.Kind == EvalKind.Set)
        {
            return element.Kind == EvalKind.String && candidates.Set!.Contains(element.String!);
        }

        return EvalValue.AreEqual(element, candidates);
    }
}
