using System.Text.Json.Nodes;

namespace NewsApi.Editorial;

/// <summary>JSON Merge Patch (RFC 7396): objects merge member by member, null removes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? [];
        if (!ReferenceEquals(result, target)) result = [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name]?.DeepClone(), value);
        }
        return result;
    }
}
