using System.Text;
using System.Text.Json.Nodes;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;

namespace EdgeFactory.Models.Tests.Signing;

public sealed class SignedDocumentsTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Generate();
    private readonly TrustedKeys _trusted;

    public SignedDocumentsTests() => _trusted = TrustedKeys.FromPem([("k", _key.PublicKeyPem())]);

    [Fact]
    public void Check_SignedDocument_Holds_AndAnyChangeBreaksIt()
    {
        var document = SignedDocuments.Sign(JsonNode.Parse("""{"revision":3,"revoked":[{"modelId":"m","version":"1.0.0"}]}""")!.AsObject(), _key);

        Assert.Null(SignedDocuments.Check(Encoding.UTF8.GetBytes(document.ToJsonString()), _trusted));
        document["revision"] = 4;
        Assert.Equal(PassportErrorCodes.SignatureInvalid, SignedDocuments.Check(Encoding.UTF8.GetBytes(document.ToJsonString()), _trusted));
    }

    [Theory]
    [InlineData("""{"revision":3}""")]
    [InlineData("""{"revision":3,"signature":"x"}""")]
    [InlineData("not json")]
    public void Check_NoSignature_IsMalformed(string json)
    {
        Assert.Equal(PassportErrorCodes.MalformedPassport, SignedDocuments.Check(Encoding.UTF8.GetBytes(json), _trusted));
    }

    public void Dispose()
    {
        _key.Dispose();
        _trusted.Dispose();
    }
}
