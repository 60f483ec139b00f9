using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace ThumbApi.Security;

/// <summary>
/// The keys' SecureString in SSM Parameter Store, read with the function's own role (<c>ssm:GetParameter</c> on that
/// parameter only, iac/functions.tf); region and credentials come from the Lambda environment.
/// </summary>
public sealed class SsmApiKeyParameterReader(IAmazonSimpleSystemsManagement ssm) : IApiKeyParameterReader
{
    public async Task<string> ReadAsync(string parameterName, CancellationToken cancellationToken)
    {
        var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = true }, cancellationToken);
        return response.Parameter.Value;
    }
}
