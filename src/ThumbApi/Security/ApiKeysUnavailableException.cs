namespace ThumbApi.Security;

/// <summary>The key parameter could not be read and no keys were read before: no key can be checked yet.</summary>
public sealed class ApiKeysUnavailableException(string message, Exception innerException) : Exception(message, innerException);
