using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Puts the conditional-request protocol into the contract: every GET takes If-None-Match and
/// If-Modified-Since, answers 200 with ETag, Last-Modified and Cache-Control, or 304; every write that can
/// answer 428 requires If-Match. The middleware and preconditions that do this are not visible to the
/// endpoint metadata Swashbuckle reads.</summary>
public sealed class ConditionalRequestsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod;
        operation.Responses ??= [];
        var path = context.ApiDescription.RelativePath ?? "";
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
            && (path.StartsWith("v1/", StringComparison.Ordinal) || path.StartsWith("feeds/", StringComparison.Ordinal)))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header("If-None-Match", "ETags from earlier answers: 304 when one still matches.", required: false));
            operation.Parameters.Add(Header("If-Modified-Since", "304 when nothing in the answer changed since (ignored when If-None-Match is sent).", required: false));
            if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = ResponseHeader("Strong validator of this answer.");
                response.Headers["Last-Modified"] = ResponseHeader("An article's updatedAt (or a later rename of its taxonomy); for other answers the last change to any content.");
                response.Headers["Cache-Control"] = ResponseHeader("public, max-age=60, stale-while-revalidate=600 on the content API; private, no-store on the editorial API.");
            }
            operation.Responses["304"] = new OpenApiResponse { Description = "Not Modified: the validators sent still match." };
        }
        else if (operation.Responses.ContainsKey("428"))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header("If-Match", "The ETag from the resource's last GET or write.", required: true));
        }
    }

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
