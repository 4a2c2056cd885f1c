using System;
using System.Management.Automation;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// A cmdlet about one domain's TXT challenge: the domain, token and prefix, given directly or
    /// taken from piped domain objects (Domain, VerificationToken, VerificationPrefix).
    /// </summary>
    public abstract class DnsChallengeCmdlet : WorkOSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Domain { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("VerificationToken")]
        [AllowEmptyString]
        public string Token { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("VerificationPrefix")]
        public string? Prefix { get; set; }

        /// <summary>The current record's challenge, or null after writing an error for bad input.</summary>
        protected DnsChallenge? ReadChallenge()
        {
            try
            {
                return DnsChallenge.Create(Domain, Token, Prefix);
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorFor(e, Domain));
                return null;
            }
        }
    }
}
