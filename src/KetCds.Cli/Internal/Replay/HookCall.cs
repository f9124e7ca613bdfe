using System.Text.Json.Nodes;

namespace KetCds.Cli.Internal.Replay;

/// <summary>One recorded CDS Hooks call: the service, the day it was recorded, the request, and the cards expected.</summary>
/// <param name="Path">The file.</param>
/// <param name="Display">The file relative to the folder replayed.</param>
/// <param name="Document">The whole file, kept to rewrite its expectation with <c>--update</c>.</param>
/// <param name="Service">The service id.</param>
/// <param name="Today">The recording day (the clock the answer is computed at in process); null: today.</param>
/// <param name="Request">The request body.</param>
/// <param name="Expected">The expected cards, reduced; null when the file has none yet.</param>
internal sealed record HookCall(string Path, string Display, JsonObject Document, string Service, DateOnly? Today, string Request, JsonArray? Expected);
