using System.Text.Json;

namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/packages</c>: the passport and its signature, as the package holds them.</summary>
/// <param name="Passport">passport.json.</param>
/// <param name="Signature">passport.sig.</param>
public sealed record PackageUpload(JsonElement Passport, JsonElement Signature);
