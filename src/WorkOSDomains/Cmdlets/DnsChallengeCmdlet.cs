using System.Management.Automation;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// A cmdlet about one domain's TXT challenge: the domain, token and prefix, given directly or
    /// taken from piped domain objects (Domain, VerificationToken, VerificationPrefix), CSV rows
    /// (Domain, Token, Prefix) or plain domain names.
    /// </summary>
    public abstract class DnsChallengeCmdlet : WorkOSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string Domain { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("VerificationToken")]
        [AllowEmptyString]
        [AllowNull] // a domain object WorkOS sent without its token: ReadChallenge says what to do
        public string? Token { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("VerificationPrefix")]
        public string? Prefix { get; set; }

        /// <summary>The current record's challenge; throws <see cref="InvalidInputException"/> naming what is wrong and the fix.</summary>
        protected DnsChallenge ReadChallenge()
        {
            try
            {
                return DnsChallenge.Create(Domain, Token, Prefix);
            }
            catch (InvalidInputException e) when (e.Field == "Token" && e.Value == null)
            {
                // Typically a domain object from WorkOS that came without its token.
                throw new InvalidInputException("Token", null, $"is empty for {Domain}",
                    "WorkOS returned no verification token for this domain, or none was given. Get the token from the WorkOS dashboard (or send the customer's IT contact a link: New-WorkOSPortalLink -Intent domain_verification) and pass it with -Token.");
            }
        }
    }
}
