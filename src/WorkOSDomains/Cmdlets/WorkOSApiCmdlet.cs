using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using WorkOSDomains.Connection;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// A cmdlet that calls the API: -Connection, or -ApiKey and -BaseUri for this call only, or
    /// the runspace default from Connect-WorkOS, or the WORKOS_API_KEY environment variable.
    /// </summary>
    public abstract class WorkOSApiCmdlet : WorkOSCmdlet
    {
        /// <summary>A connection from Connect-WorkOS -PassThru; overrides the runspace default.</summary>
        [Parameter]
        public WorkOSConnection? Connection { get; set; }

        /// <summary>The secret key for this call only (a string, SecureString or PSCredential).</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API address for this call only; https, or http on loopback for the emulator.</summary>
        [Parameter]
        public System.Uri? BaseUri { get; set; }

        /// <summary>The connection in use, resolved on the pipeline thread before the first record.</summary>
        protected WorkOSConnection CurrentConnection { get; private set; } = null!;

        protected WorkOSClient Client => CurrentConnection.Client;

        protected override void BeginProcessing()
        {
            try
            {
                CurrentConnection = Connection
                    ?? (ApiKey != null || BaseUri != null ? null : ConnectionFactory.GetDefault(Runspace.DefaultRunspace))
                    ?? ConnectionFactory.Create(ApiKey, BaseUri);
            }
            catch (InvalidInputException e)
            {
                ThrowTerminatingError(ErrorFor(e, null));
            }
        }
    }
}
