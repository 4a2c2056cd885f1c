using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using WorkOSDomains.Connection;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Checks a key against the API and makes it the default connection of this runspace.</summary>
    [Cmdlet(VerbsCommunications.Connect, "WorkOS")]
    [OutputType(typeof(WorkOSConnection))]
    public sealed class ConnectWorkOSCommand : WorkOSCmdlet
    {
        /// <summary>The secret key (a string, SecureString or PSCredential); WORKOS_API_KEY when omitted.</summary>
        [Parameter(Position = 0)]
        [SecureStringTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API address; https, or http on loopback for the emulator.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 3;

        /// <summary>How long one attempt may take.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 60;

        /// <summary>How long one call may take, retries and waits included: 120, or -TimeoutSec when that is longer.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TotalTimeoutSec { get; set; } = 120;

        /// <summary>Requests per minute this process sends with this key (WorkOS allows 6,000).</summary>
        [Parameter]
        [ValidateRange(1, 6000)]
        public int RateLimit { get; set; } = 6000;

        /// <summary>Check the key's shape only, without asking the API (as Connect-AzAccount -SkipValidation).</summary>
        [Parameter]
        [Alias("SkipCheck")]
        public SwitchParameter SkipValidation { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            WorkOSConnection connection;
            try
            {
                connection = ConnectionFactory.Create(ApiKey, BaseUri, o =>
                {
                    o.MaxRetries = MaxRetries;
                    o.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);
                    o.TotalTimeout = TimeSpan.FromSeconds(MyInvocation.BoundParameters.ContainsKey(nameof(TotalTimeoutSec)) ? TotalTimeoutSec : Math.Max(TotalTimeoutSec, TimeoutSec));
                    o.RateLimitRequests = RateLimit;
                });
            }
            catch (InvalidInputException e)
            {
                ThrowTerminatingError(ErrorFor(e, null));
                return;
            }

            if (!SkipValidation)
            {
                try
                {
                    Run(token => connection.Client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 1 }, token));
                }
                catch (Exception e) when (!(e is PipelineStoppedException || e is OperationCanceledException))
                {
                    ThrowTerminatingError(ErrorFor(e, connection));
                }
            }

            ConnectionFactory.SetDefault(Runspace.DefaultRunspace, connection);
            WriteVerbose($"Connected to {connection}.");
            if (PassThru) WriteObject(connection);
        }
    }
}
