using System;
using System.Management.Automation;
using WorkOSDomains.Dns;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>The TXT record a domain needs, or the command that creates it at a DNS provider.</summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSDnsRecord")]
    [OutputType(typeof(DnsRecordInstruction))]
    [OutputType(typeof(string))]
    public sealed class GetWorkOSDnsRecordCommand : DnsChallengeCmdlet
    {
        // A DnsInspector, made when a zone is first looked up; held as object: see
        // docs/dependency-isolation.md, "Exported types never name the engine in a field".
        private object? _inspector;

        /// <summary>The DNS zone the domain lives in; looked up in DNS when omitted for a subdomain.</summary>
        [Parameter]
        public string? Zone { get; set; }

        /// <summary>Resolvers that find the zone when -Zone is omitted; the system's by default.</summary>
        [Parameter]
        public string[]? BootstrapServer { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int Ttl { get; set; } = OrganizationDomain.RecommendedTtl;

        [Parameter]
        [ValidateSet("Object", "WindowsDns", "AzureDns", "Bind")]
        public string Format { get; set; } = "Object";

        /// <summary>The Azure resource group of the zone, for -Format AzureDns.</summary>
        [Parameter]
        public string? ResourceGroupName { get; set; }

        protected override void ProcessRecord()
        {
            DnsRecordInstruction record;
            try
            {
                DnsChallenge challenge = ReadChallenge();
                if (challenge.Prefix == null)
                    WriteWarning(challenge.RecordName == challenge.Domain
                        ? $"No verification prefix for {challenge.Domain}, and {DnsChallenge.DefaultPrefix}.{challenge.Domain} would be longer than a DNS name may be: the record goes at the apex, as current WorkOS documentation shows. Confirm the name in the WorkOS dashboard."
                        : $"No verification prefix for {challenge.Domain}: the record is named {challenge.RecordName}, the documented default. WorkOS gives each domain its own prefix (verification_prefix); give it with -Prefix, or confirm the name in the WorkOS dashboard.");
                // A BIND line names the record in full: it needs no zone.
                record = DnsRecords.Instruction(challenge, Zone ?? (Format == "Bind" ? null : ZoneOf(challenge.Domain)), Ttl);
            }
            catch (InvalidInputException e)
            {
                WriteError(ErrorFor(e, Domain));
                return;
            }
            switch (Format)
            {
                case "WindowsDns": WriteObject(record.ToWindowsDns()); break;
                case "AzureDns": WriteObject(record.ToAzureDns(ResourceGroupName)); break;
                case "Bind": WriteObject(record.ToBind()); break;
                default: WriteObject(record); break;
            }
        }

        /// <summary>
        /// The zone of a domain given without -Zone: a name of two labels is its own zone; a
        /// subdomain's is looked up as Test-WorkOSDnsChallenge finds it, so the commands name the
        /// zone the provider has (contoso.com for login.contoso.com), not the subdomain.
        /// </summary>
        private string? ZoneOf(string domain)
        {
            if (domain.Split('.').Length <= 2) return null;
            // A short wait per query: formatting a record should not hang for long on an offline computer.
            var inspector = (DnsInspector)(_inspector ??= DnsParameters.Inspector(null, false, BootstrapServer, 53, TimeSpan.FromSeconds(1)));
            (string? zone, string? why) = Run(token => inspector.FindZoneAsync(domain, token));
            if (zone == null) WriteWarning($"The DNS zone of {domain} could not be looked up ({why}), so the record is given for zone {domain}. If the zone is a parent, such as {domain.Substring(domain.IndexOf('.') + 1)}, give it with -Zone.");
            return zone;
        }
    }
}
