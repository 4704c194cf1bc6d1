using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Checks a topology document's shape against the records of <see cref="LabTopology"/> before it is deserialised:
/// unknown fields (typos), fields given twice, missing required fields and values of the wrong JSON type, each with
/// its path. The records are the one definition of the schema; this walks them (their properties, `required`
/// and nullability), so a field added to a record is known here at once.
/// </summary>
internal static class TopologyShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> Fields = new();

    /// <summary>True when the shape allows deserialising (only unknown or repeated fields, which do not block it).</summary>
    public static bool Check(JsonElement root, TopologyErrors errors)
    {
        var blocking = false;
        Walk(root, typeof(LabTopology), "$", errors, ref blocking);
        return !blocking;
    }

    private static void Walk(JsonElement value, Type type, string path, TopologyErrors errors, ref bool blocking)
    {
        if (type == typeof(JsonElement))
        {
            return;
        }

        if (type == typeof(string) || type == typeof(int) || type == typeof(bool))
        {
            var ok = type == typeof(string) ? value.ValueKind == JsonValueKind.String
                : type == typeof(bool) ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
                : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _);
            if (!ok)
            {
                errors.Add(path, $"expected {Describe(type)}, found {Found(value)}");
                blocking = true;
            }

            return;
        }

        if (ElementType(type, typeof(IReadOnlyList<>)) is { } item)
        {
            if (!Expect(value, JsonValueKind.Array, "an array", path, errors, ref blocking))
            {
                return;
            }

            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                WalkValue(element, item, nullable: false, $"{path}[{index++}]", errors, ref blocking);
            }

            return;
        }

        if (ElementType(type, typeof(IReadOnlyDictionary<,>)) is not null)
        {
            if (Expect(value, JsonValueKind.Object, "an object", path, errors, ref blocking))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add(path, $"key '{property.Name}' is given twice");
                    }

                    Walk(property.Value, typeof(string), $"{path}.{property.Name}", errors, ref blocking);
                }
            }

            return;
        }

        WalkRecord(value, type, path, errors, ref blocking);
    }

    private static void WalkRecord(JsonElement value, Type type, string path, TopologyErrors errors, ref bool blocking)
    {
        if (!Expect(value, JsonValueKind.Object, "an object", path, errors, ref blocking))
        {
            return;
        }

        var fields = Fields.GetOrAdd(type, FieldsOf);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var at = Join(path, property.Name);
            if (!seen.Add(property.Name))
            {
                errors.Add(at, "given twice");
                continue;
            }

            if (fields.FirstOrDefault(f => f.JsonName == property.Name) is not { } field)
            {
                errors.Add(at, $"unknown field (known here: {string.Join(", ", fields.Select(f => f.JsonName))})");
                continue;
            }

            WalkValue(property.Value, field.Type, field.Nullable, at, errors, ref blocking);
        }

        foreach (var missing in fields.Where(f => f.Required && !seen.Contains(f.JsonName)))
        {
            errors.Add(Join(path, missing.JsonName), "required");
            blocking = true;
        }
    }

    private static void WalkValue(JsonElement value, Type type, bool nullable, string path, TopologyErrors errors, ref bool blocking)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                errors.Add(path, $"must not be null (expected {Describe(type)})");
                blocking = true;
            }

            return;
        }

        Walk(value, Nullable.GetUnderlyingType(type) ?? type, path, errors, ref blocking);
    }

    private static bool Expect(JsonElement value, JsonValueKind kind, string what, string path, TopologyErrors errors, ref bool blocking)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        errors.Add(path, $"expected {what}, found {Found(value)}");
        blocking = true;
        return false;
    }

    private static string Join(string path, string name) => path == "$" ? name : $"{path}.{name}";

    private static IReadOnlyList<Field> FieldsOf(Type type)
    {
        var nullability = new NullabilityInfoContext(); // not thread-safe: one per record type
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => new Field(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.PropertyType,
                p.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute)),
                Nullable.GetUnderlyingType(p.PropertyType) is not null || nullability.Create(p).WriteState == NullabilityState.Nullable))];
    }

    private static Type? ElementType(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type.GetGenericArguments()[^1] : null;

    private static string Describe(Type type) =>
        type == typeof(string) ? "a string" : type == typeof(int) ? "an integer" : type == typeof(bool) ? "true or false"
        : ElementType(type, typeof(IReadOnlyList<>)) is not null ? "an array" : "an object";

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "a number" : "a number that is not a 32-bit integer",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private sealed record Field(string JsonName, Type Type, bool Required, bool Nullable);
}
