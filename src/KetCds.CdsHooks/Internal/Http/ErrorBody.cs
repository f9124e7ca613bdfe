using System.Buffers;
using System.Text.Json;
using KetCds.CdsHooks.Internal.Hooks;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The JSON body of a refused call: a message and each problem with the field it is about.</summary>
internal static class ErrorBody
{
    public static byte[] Write(string message, IEnumerable<RequestProblem> problems)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteStartArray("problems");
            foreach (var problem in problems)
            {
                json.WriteStartObject();
                json.WriteString("field", problem.Field);
                json.WriteString("message", problem.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
