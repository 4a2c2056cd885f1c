using System.Management.Automation;
using System.Management.Automation.Runspaces;
using WorkOSDomains.Connection;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Shows this runspace's default connection; writes nothing when not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSContext")]
    [OutputType(typeof(WorkOSContext))]
    public sealed class GetWorkOSContextCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            WorkOSContext? context = ConnectionFactory.GetContext(Runspace.DefaultRunspace);
            if (context != null) WriteObject(context);
        }
    }
}
