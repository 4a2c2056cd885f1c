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
                    // A SecureString holds at most 65,536 characters. Far more than any key: keep a part
                    // longer than any key, so that the key check refuses it with its own error id.
                    var result = new SecureString();
                    foreach (char c in text.Length > SecureStringCapacity ? text.Substring(0, 4096) : text) result.AppendChar(c);
                    result.MakeReadOnly();
                    return result;
                default:
                    return value;
            }
        }
    }
}
