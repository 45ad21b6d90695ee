using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Answers;

/// <summary>Built-in validation messages in the six UN languages; English is the fallback.</summary>
internal static class Messages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Table = new()
    {
        ["en"] = new()
        {
            ["option"] = "Choose one of the listed options.",
            ["number"] = "Enter a number.",
            ["integer"] = "Enter a whole number (no decimals).",
            ["date"] = "Enter a date as YYYY-MM-DD.",
            ["url"] = "Enter a web address starting with http:// or https://.",
            ["text"] = "Enter text.",
            ["notApplicable"] = "\"Not applicable\" is not an option for this question.",
            ["range"] = "Enter a number between {0} and {1}.",
            ["min"] = "Enter a number of at least {0}.",
            ["max"] = "Enter a number of at most {0}.",
            ["maxLength"] = "Use at most {0} characters.",
            ["pattern"] = "The answer does not have the expected format.",
            ["expression"] = "The answer is not valid.",
        },
        ["fr"] = new()
        {
            ["option"] = "Choisissez l'une des options proposées.",
            ["number"] = "Saisissez un nombre.",
            ["integer"] = "Saisissez un nombre entier (sans décimales).",
            ["date"] = "Saisissez une date au format AAAA-MM-JJ.",
            ["url"] = "Saisissez une adresse web commençant par http:// ou https://.",
            ["text"] = "Saisissez un texte.",
            ["notApplicable"] = "« Sans objet » n'est pas une réponse possible pour cette question.",
            ["range"] = "Saisissez un nombre entre {0} et {1}.",
            ["min"] = "Saisissez un nombre supérieur ou égal à {0}.",
            ["max"] = "Saisissez un nombre inférieur ou égal à {0}.",
            ["maxLength"] = "Utilisez au plus {0} caractères.",
            ["pattern"] = "La réponse n'a pas le format attendu.",
            ["expression"] = "La réponse n'est pas valide.",
        },
        ["es"] = new()
        {
            ["option"] = "Elija una de las opciones indicadas.",
            ["number"] = "Introduzca un número.",
            ["integer"] = "Introduzca un número entero (sin decimales).",
            ["date"] = "Introduzca una fecha con el formato AAAA-MM-DD.",
            ["url"] = "Introduzca una dirección web que empiece por http:// o https://.",
            ["text"] = "Introduzca un texto.",
            ["notApplicable"] = "«No aplicable» no es una opción para esta pregunta.",
            ["range"] = "Introduzca un número entre {0} y {1}.",
            ["min"] = "Introduzca un número igual o superior a {0}.",
            ["max"] = "Introduzca un número igual o inferior a {0}.",
            ["maxLength"] = "Utilice como máximo {0} caracteres.",
            ["pattern"] = "La respuesta no tiene el formato esperado.",
            ["expression"] = "La respuesta no es válida.",
        },
        ["ar"] = new()
        {
            ["option"] = "اختر أحد الخيارات المدرجة.",
            ["number"] = "أدخل رقمًا.",
            ["integer"] = "أدخل عددًا صحيحًا (بدون كسور عشرية).",
            ["date"] = "أدخل تاريخًا بالصيغة YYYY-MM-DD.",
            ["url"] = "أدخل عنوانًا على الويب يبدأ بـ http:// أو https://.",
            ["text"] = "أدخل نصًا.",
            ["notApplicable"] = "«لا ينطبق» ليس خيارًا متاحًا لهذا السؤال.",
            ["range"] = "أدخل رقمًا بين {0} و{1}.",
            ["min"] = "أدخل رقمًا لا يقل عن {0}.",
            ["max"] = "أدخل رقمًا لا يزيد على {0}.",
            ["maxLength"] = "استخدم {0} حرفًا على الأكثر.",
            ["pattern"] = "الإجابة ليست بالصيغة المتوقعة.",
            ["expression"] = "الإجابة غير صالحة.",
        },
        ["ru"] = new()
        {
            ["option"] = "Выберите один из предложенных вариантов.",
            ["number"] = "Введите число.",
            ["integer"] = "Введите целое число (без дробной части).",
            ["date"] = "Введите дату в формате ГГГГ-ММ-ДД.",
            ["url"] = "Введите веб-адрес, начинающийся с http:// или https://.",
            ["text"] = "Введите текст.",
            ["notApplicable"] = "Вариант «Неприменимо» недоступен для этого вопроса.",
            ["range"] = "Введите число от {0} до {1}.",
            ["min"] = "Введите число не меньше {0}.",
            ["max"] = "Введите число не больше {0}.",
            ["maxLength"] = "Используйте не более {0} символов.",
            ["pattern"] = "Ответ не соответствует ожидаемому формату.",
            ["expression"] = "Недопустимый ответ.",
        },
        ["zh"] = new()
        {
            ["option"] = "请从所列选项中选择一项。",
            ["number"] = "请输入数字。",
            ["integer"] = "请输入整数（不带小数）。",
            ["date"] = "请按 YYYY-MM-DD 格式输入日期。",
            ["url"] = "请输入以 http:// 或 https:// 开头的网址。",
            ["text"] = "请输入文本。",
            ["notApplicable"] = "此问题不能选择“不适用”。",
            ["range"] = "请输入 {0} 至 {1} 之间的数字。",
            ["min"] = "请输入不小于 {0} 的数字。",
            ["max"] = "请输入不大于 {0} 的数字。",
            ["maxLength"] = "最多使用 {0} 个字符。",
            ["pattern"] = "答案格式不符合要求。",
            ["expression"] = "答案无效。",
        },
    };

    /// <summary>Each message in every language, so that <see cref="LocalizedText.Get"/> chooses (exact, language, English).</summary>
    private static readonly Dictionary<string, LocalizedText> ByCode = Table["en"].Keys.ToDictionary(code => code,
        code => new LocalizedText(Table.Where(l => l.Value.ContainsKey(code)).ToDictionary(l => l.Key, l => l.Value[code])));

    public static string Get(string code, string? culture, params object[] args)
    {
        var format = ByCode[code].Get(culture);
        return args.Length == 0 ? format : string.Format(FormatCulture(culture), format, args);
    }

    private static CultureInfo FormatCulture(string? culture)
    {
        try
        {
            return string.IsNullOrEmpty(culture) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
