namespace ThumbApi.Security;

/// <summary>Reads the decrypted text of the parameter that holds the API keys.</summary>
public interface IApiKeyParameterReader
{
    Task<string> ReadAsync(string parameterName, CancellationToken cancellationToken);
}
