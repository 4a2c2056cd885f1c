using System.Management.Automation;
using System.Security;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Lets -ApiKey take a plain string (Get-AutomationVariable), a SecureString or a PSCredential
    /// (Get-AutomationPSCredential; the password is the key).
    /// </summary>
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        private const int SecureStringCapacity = 65536;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case SecureString secure:
                    return secure;
                case PSCredential credential:
                    return credential.Password;
                case string text:
                    // A SecureString holds at most 65,536 characters; say what is wrong before it fails.
                    if (text.Length > SecureStringCapacity)
                        throw new ArgumentTransformationMetadataException($"The value is {text.Length} characters long, far longer than any WorkOS key or secret. Copy only the key or secret from the WorkOS dashboard.");
                    var result = new SecureString();
                    foreach (char c in text) result.AppendChar(c);
                    result.MakeReadOnly();
                    return result;
                default:
                    return value;
            }
        }
    }
}
