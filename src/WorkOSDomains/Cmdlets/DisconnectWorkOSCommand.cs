using System.Management.Automation;
using System.Management.Automation.Runspaces;
using WorkOSDomains.Connection;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Forgets this runspace's default connection.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "WorkOS")]
    [OutputType(typeof(void))]
    public sealed class DisconnectWorkOSCommand : PSCmdlet
    {
        protected override void EndProcessing() => ConnectionFactory.SetDefault(Runspace.DefaultRunspace, null);
    }
}
